import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleAssignmentDto } from '../../api/generated';
import { useMe } from '../auth/me';

/** A user's roles, each with its site; closable (revoke) where `onRevoke` is given. */
export function RoleTags({ roles, onRevoke }: { roles: RoleAssignmentDto[]; onRevoke?: (assignment: RoleAssignmentDto) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const siteName = (siteId: string | null | undefined) =>
    siteId ? (me.sites.find((s) => s.siteId === siteId)?.code ?? siteId.slice(0, 8)) : t('common.allSites');
  return (
    <>
      {roles.map((assignment) => (
        <Tooltip key={assignment.id} title={siteName(assignment.siteId)}>
          <Tag
            color={assignment.siteId ? 'blue' : 'purple'}
            closable={!!onRevoke}
            onClose={(e) => {
              e.preventDefault();
              onRevoke?.(assignment);
            }}
            style={{ marginBottom: 4 }}
          >
            {t(`roles.${assignment.role}`)} · {siteName(assignment.siteId)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
