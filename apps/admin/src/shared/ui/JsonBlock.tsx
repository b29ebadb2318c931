import { Typography } from 'antd';

/** A JSON value as readable, indented text. */
export function JsonBlock({ value }: { value: unknown }) {
  return (
    <Typography.Paragraph style={{ margin: 0 }}>
      <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 }}>{value == null ? '—' : JSON.stringify(value, null, 2)}</pre>
    </Typography.Paragraph>
  );
}
