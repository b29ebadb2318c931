import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadAppealAttachment, type AttachmentDto, type AttachmentInputDto } from '../../api/generated';
import type { Problem } from '../../api/problem';
import { saveDownload } from '../../shared/download';
import { clientsProblemText } from './problems';

const TYPES = ['image/jpeg', 'image/png', 'application/pdf', 'text/plain'] as const;
const MAX_BYTES = 128 * 1024;
export const MAX_ATTACHMENTS = 5;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Attachments of an appeal (CA-17): JPEG, PNG, PDF or text, at most 128 KiB each and five in all, sent as base64. */
export function AttachmentsInput({ value = [], onChange }: { value?: AttachmentInputDto[]; onChange?: (v: AttachmentInputDto[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Upload
        accept={TYPES.join(',')}
        showUploadList={false}
        multiple
        beforeUpload={async (file) => {
          if (!(TYPES as readonly string[]).includes(file.type)) void message.error(t('clients.attachments.wrongType', { name: file.name }));
          else if (file.size > MAX_BYTES) void message.error(t('clients.attachments.tooBig', { name: file.name }));
          else if (value.length >= MAX_ATTACHMENTS) void message.error(t('clients.attachments.tooMany', { max: MAX_ATTACHMENTS }));
          else onChange?.([...value, { fileName: file.name, contentType: file.type as AttachmentInputDto['contentType'], contentBase64: await base64Of(file) }]);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>{t('clients.attachments.add')}</Button>
      </Upload>
      {value.map((a, i) => (
        <Space key={`${a.fileName}-${i}`}>
          <PaperClipOutlined />
          <span>{a.fileName}</span>
          <Button size="small" type="link" onClick={() => onChange?.(value.filter((_, j) => j !== i))}>
            {t('clients.attachments.remove')}
          </Button>
        </Space>
      ))}
      <Typography.Text type="secondary">{t('clients.attachments.hint')}</Typography.Text>
    </Space>
  );
}

/** An appeal's stored attachments, each downloadable with the sign-in. */
export function AttachmentLinks({ appealId, attachments }: { appealId: string; attachments: AttachmentDto[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  if (!attachments.length) return <span>{t('common.none')}</span>;
  const download = async (a: AttachmentDto) => {
    try {
      const { data, response } = await downloadAppealAttachment({ path: { id: appealId, attachmentId: a.id }, parseAs: 'blob' });
      saveDownload(data, response, a.fileName);
    } catch (problem) {
      void message.error(clientsProblemText(problem as Problem, t));
    }
  };
  return (
    <Space direction="vertical" size={0}>
      {attachments.map((a) => (
        <Button key={a.id} type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void download(a)} style={{ paddingInline: 0 }}>
          {a.fileName} ({Math.ceil(a.sizeBytes / 1024)} KiB)
        </Button>
      ))}
    </Space>
  );
}
