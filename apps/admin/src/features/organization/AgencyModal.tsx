import { Form, Input, Modal } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyDto, CreateAgencyDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { useCreateAgency } from './queries';

/** Registers a partner channel agency (渠道); its agents are users of the agency with the partner role. */
export function AgencyModal({ open, onDone, onCancel }: { open: boolean; onDone: (agency: AgencyDto) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAgency();
  const formId = useId();
  const [form] = Form.useForm<CreateAgencyDto>();
  return (
    <Modal
      open={open}
      title={t('organization.createAgencyTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: create.isPending }}
      onCancel={() => {
        create.reset();
        onCancel();
      }}
      destroyOnHidden
    >
      <ProblemAlert problem={create.error} />
      <Form<CreateAgencyDto>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={(body) =>
          create.mutate(
            { body: { name: body.name.trim() } },
            {
              onSuccess: (agency) => {
                create.reset();
                onDone(agency);
              },
              onError: (problem) => showFieldErrors(form, problem),
            },
          )
        }
      >
        <Form.Item name="name" label={t('organization.agencyName')} rules={[{ required: true, whitespace: true, message: t('organization.nameRequired') }]}>
          <Input maxLength={100} placeholder="North Channel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
