import { Space, Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The SPEC rules the console names (section 2 and GEN). */
export const KNOWN_RULES = ['CA-2', 'CA-3', 'CA-4', 'CA-5', 'CA-6', 'CA-7', 'CA-8', 'CA-9', 'CA-10', 'CA-11', 'CA-12', 'CA-13', 'CA-15', 'CA-16', 'CA-17', 'CA-18'] as const;
type KnownRule = (typeof KNOWN_RULES)[number];
const isKnown = (id: string): id is KnownRule => (KNOWN_RULES as readonly string[]).includes(id);

/** Rule ids as tags, each with the rule's name on hover, so a decision says why. */
export function RuleTags({ ids }: { ids: readonly string[] | null | undefined }) {
  const { t } = useTranslation();
  if (!ids?.length) return <span>—</span>;
  return (
    <Space size={2} wrap>
      {ids.map((id) => (
        <Tooltip key={id} title={isKnown(id) ? t(`clients.rules.${id}`) : undefined}>
          <Tag variant="filled" data-rule={id}>
            {id}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Rule ids followed by their names in words: for an answer someone reads once. */
export function ruleWords(ids: readonly string[], t: TFunction): string {
  return ids.map((id) => (isKnown(id) ? `${id} ${t(`clients.rules.${id}`)}` : id)).join(' · ');
}
