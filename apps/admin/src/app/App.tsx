import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { ANTD_LOCALES, currentLanguage } from '../i18n';
import { useReducedMotion } from '../shared/reduced-motion';
import { queryClient } from './query-client';
import { router } from './router';

export function App() {
  useTranslation(); // re-render (Ant Design's locale) when the language changes
  // Dialogs, drawers and lists open without zooming or sliding for people who asked their system for less motion.
  const motion = !useReducedMotion();
  return (
    <ConfigProvider locale={ANTD_LOCALES[currentLanguage()]} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6, motion } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
