import type { Key, ReactNode } from 'react';
import { Empty, Flex, Spin } from 'antd';

/**
 * A small non-virtual list (rows with optional actions, a loading state and an empty state). antd 6.6
 * deprecates `List`; its successor `Listy` is a virtual list meant for long data, not for a handful of rows.
 */
export function SimpleList<T>(props: {
  items: T[];
  rowKey: (item: T) => Key;
  render: (item: T) => ReactNode;
  actions?: (item: T) => ReactNode;
  onClick?: (item: T) => void;
  loading?: boolean;
  empty: ReactNode;
  bordered?: boolean;
  testId?: string;
}) {
  const { items, loading, bordered } = props;
  return (
    <Spin spinning={!!loading}>
      <div
        data-testid={props.testId}
        role={items.length ? 'list' : undefined}
        style={{
          border: bordered ? '1px solid #f0f0f0' : undefined,
          borderRadius: bordered ? 6 : undefined,
          minHeight: loading ? 48 : undefined,
        }}
      >
        {items.length === 0 && !loading ? (
          <div style={{ padding: 12 }}>{props.empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</div>
        ) : (
          items.map((item, i) => (
            <Flex
              key={props.rowKey(item)}
              role="listitem"
              className="jf-list-item"
              align="center"
              justify="space-between"
              gap={8}
              onClick={props.onClick ? () => props.onClick!(item) : undefined}
              // A clickable row is a Tab stop that Enter and Space press too.
              tabIndex={props.onClick ? 0 : undefined}
              onKeyDown={
                props.onClick
                  ? (e) => {
                      if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                        e.preventDefault();
                        props.onClick!(item);
                      }
                    }
                  : undefined
              }
              style={{
                padding: bordered ? '8px 12px' : '8px 4px',
                borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
                cursor: props.onClick ? 'pointer' : undefined,
              }}
            >
              <div style={{ minWidth: 0 }}>{props.render(item)}</div>
              {props.actions ? <div style={{ flex: 'none' }}>{props.actions(item)}</div> : null}
            </Flex>
          ))
        )}
      </div>
    </Spin>
  );
}
