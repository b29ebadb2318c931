import { Form, Input, Modal, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateApiKeyDto, CreatedApiKeyDto, UserDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { useCreateApiKey } from './queries';

interface CreateApiKeyModalProps {
  open: boolean;
  partners: UserDto[];
  onCreated: (key: CreatedApiKeyDto) => void;
  onCancel: () => void;
}

/** Issues a key that acts as one channel-partner user. */
export function CreateApiKeyModal({ open, partners, onCreated, onCancel }: CreateApiKeyModalProps) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const formId = useId();
  const [form] = Form.useForm<CreateApiKeyDto>();
  const cancel = () => {
    create.reset();
    onCancel();
  };
  return (
    <Modal
      open={open}
      title={t('apiKeys.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: create.isPending }}
      onCancel={cancel}
      destroyOnHidden
    >
      <ProblemAlert problem={create.error} />
      <Form<CreateApiKeyDto>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={(body) =>
          create.mutate(
            { body: { userId: body.userId, name: body.name.trim() } },
            {
              onSuccess: (key) => {
                create.reset();
                onCreated(key);
              },
              onError: (problem) => showFieldErrors(form, problem),
            },
          )
        }
      >
        <Form.Item name="userId" label={t('apiKeys.owner')} rules={[{ required: true, message: t('apiKeys.ownerRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={partners.map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }))} />
        </Form.Item>
        <Form.Item name="name" label={t('apiKeys.name')} rules={[{ required: true, whitespace: true, message: t('apiKeys.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('apiKeys.nameHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
