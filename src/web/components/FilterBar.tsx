import { useState, type CSSProperties, type ReactNode } from 'react';
import { Card, Col, Form, Row, type CardProps, type ColProps, type FormInstance } from 'antd';
import { FilterActions } from './FilterActions.js';
import { useIsMobile } from './useIsMobile.js';

/** The style of a less used filter's column while it is folded away (on a phone, until 「更多筛选」). */
export type FoldStyle = CSSProperties | undefined;

/**
 * A list page's filter form in a card: the fields (a render function that gets the style folding the
 * less used ones away on phones), then search and reset. Reset clears the form and calls `onReset`.
 */
export function FilterBar<F>(props: {
  form: FormInstance<F>;
  onFinish: (values: F) => void;
  onReset: () => void;
  gutter: number;
  size?: CardProps['size'];
  actionsCol: ColProps;
  searchTestId?: string;
  children: (fold: FoldStyle) => ReactNode;
}) {
  const isMobile = useIsMobile();
  const [moreFilters, setMoreFilters] = useState(false);
  const fold = !isMobile || moreFilters ? undefined : { display: 'none' };
  return (
    <Card size={props.size} style={{ marginBottom: 16 }}>
      <Form<F> form={props.form} layout="vertical" onFinish={props.onFinish}>
        <Row gutter={props.gutter}>
          {props.children(fold)}
          <Col {...props.actionsCol} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <FilterActions
              onReset={() => {
                props.form.resetFields();
                props.onReset();
              }}
              moreFilters={isMobile ? moreFilters : undefined}
              onToggleMore={() => setMoreFilters((v) => !v)}
              searchTestId={props.searchTestId}
            />
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
