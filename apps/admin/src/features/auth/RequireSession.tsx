import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSessionStatus } from '../../api/session';
import { LoadError } from '../../shared/ui/LoadError';
import { MeContext } from './me';
import { useMeQuery } from './queries';

/** The signed-in part of the console: without a session, the login page; with one, who is signed in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const status = useSessionStatus();
  const location = useLocation();
  if (status !== 'signed-in') return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <MeGate>{children}</MeGate>;
}

function MeGate({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (me.isError) return <LoadError problem={me.error} onRetry={() => void me.refetch()} />;
  return <MeContext value={me.data}>{children}</MeContext>;
}
