import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useIsMobile } from '../../components/useIsMobile.js';
import { HTTP_URL, ITEM_FIELDS } from '../../../shared/catalogs.enums.js';
import { useI18n } from '../../i18n/index.js';
import {
  catalogKeys,
  itemHistory,
  type ActiveCatalog,
  type AdjustmentSummary,
  type EffectiveItemDto,
  type Revision,
} from './catalogs.api.js';
import { CompletenessNote, CompletenessTag, LayerTag, OperationTag, StatusTag } from './CatalogTags.js';
import { LinkButton } from '../../components/LinkButton.js';

const OP_COLORS = { base: 'gray', add: 'green', amend: 'blue', withdraw: 'red' } as const;
/** Every field but the name (the title) and catchAll (a tag). */
const DETAIL_FIELDS = ITEM_FIELDS.filter((k) => k !== 'name' && k !== 'catchAll');

function AdjustmentLine({ a, onOpen }: { a: AdjustmentSummary; onOpen?: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div style={{ fontSize: '0.75rem', color: '#595959', lineHeight: 1.7 }}>
      <div>
        {t('adjust.reasonType')}：{t(`catalogs.reason.${a.reasonType}`)}
      </div>
      <div style={{ wordBreak: 'break-word' }}>
        {t('adjust.basis')}：{a.basis}
      </div>
      <div>
        {t('adjust.proposer')}：{a.proposerName}
        {a.approverName ? ` · ${t('adjust.approver')}：${a.approverName}` : ''}
        {' · '}
        {t(`catalogs.status.${a.status}`)}
        {onOpen ? (
          <LinkButton style={{ marginInlineStart: 8, fontSize: '0.75rem' }} onClick={() => onOpen(a.id)}>
            {t('adjust.open')}
          </LinkButton>
        ) : null}
      </div>
    </div>
  );
}

function RevisionItem({ r, onOpen }: { r: Revision; onOpen?: (id: string) => void }) {
  const { t } = useI18n();
  const changed = ITEM_FIELDS.filter((k) => k in r.fields);
  return (
    <div data-testid="history-revision">
      <Flex gap={6} wrap align="center">
        <Typography.Text strong>{t(`catalogs.revisionOp.${r.operation}`)}</Typography.Text>
        {r.layer ? <Tag style={{ marginInlineEnd: 0 }}>{r.layer.name}</Tag> : null}
        <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
          {t('history.effectiveFrom', { date: r.effectiveFrom ?? t('history.noDate') })}
        </Typography.Text>
      </Flex>
      <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
        {t(`catalogs.revisionSource.${r.source}`)} · {t('history.revision', { n: r.revision })}
      </div>
      {r.operation === 'amend' && changed.length ? (
        <div style={{ fontSize: '0.75rem', marginTop: 2 }}>
          {changed.map((k) => (
            <div key={k} style={{ wordBreak: 'break-word' }}>
              {t(`catalogs.field.${k}`)} → {String((r.fields as Record<string, unknown>)[k] ?? '—')}
            </div>
          ))}
        </div>
      ) : null}
      {r.adjustment ? <AdjustmentLine a={r.adjustment} onOpen={onOpen} /> : null}
    </div>
  );
}

/**
 * One item as it stands in the chosen region on the chosen date, and its history: every revision on
 * the layers the reader may see (layer, operation, reason, basis, effective date, adjustment), plus
 * proposals still pending.
 */
export function ItemDrawer(props: {
  item: EffectiveItemDto | null;
  catalog: Pick<ActiveCatalog, 'title' | 'layer' | 'province' | 'complete' | 'completenessNote'> | null;
  onClose: () => void;
  /** Offered when the user may propose adjustments. */
  onAdjust?: (operation: 'amend' | 'withdraw', item: EffectiveItemDto) => void;
  onOpenAdjustment?: (id: string) => void;
}) {
  const { item, catalog } = props;
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const history = useQuery({
    queryKey: catalogKeys.history(item?.code ?? ''),
    queryFn: () => itemHistory(item!.code),
    enabled: !!item,
  });

  return (
    <Drawer
      open={!!item}
      onClose={props.onClose}
      size={isMobile ? '100%' : 600}
      destroyOnHidden
      title={t('item.title')}
      footer={
        item && props.onAdjust ? (
          <Flex gap={8} justify="flex-end" wrap>
            <Button icon={<EditOutlined />} onClick={() => props.onAdjust!('amend', item)} data-testid="item-amend">
              {t('item.amend')}
            </Button>
            <Button
              danger
              icon={<DeleteOutlined />}
              onClick={() => props.onAdjust!('withdraw', item)}
              data-testid="item-withdraw"
            >
              {t('item.withdraw')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {item ? (
        <div data-testid="item-drawer">
          <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 0 }}>
            {item.name}
          </Typography.Title>
          <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }}>
            <Tag className="jf-mono" style={{ marginInlineEnd: 0 }}>
              {item.code}
            </Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`catalogs.kind.${item.kind}`)}</Tag>
            {catalog ? <LayerTag layer={catalog.layer} province={catalog.province} /> : null}
            {catalog ? <CompletenessTag complete={catalog.complete} note={catalog.completenessNote} /> : null}
            {item.addedBy ? <Tag color="green">{t('item.addedBy', { name: item.addedBy.name })}</Tag> : null}
            {item.amendedBy.map((r) => (
              <Tag key={r.code} color="blue">
                {t('item.amendedBy', { name: r.name })}
              </Tag>
            ))}
            {item.catchAll ? <Tag color="gold">{t('catalogs.field.catchAll')}</Tag> : null}
          </Flex>
          {catalog ? (
            <div style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {t('catalogs.catalog')}：{catalog.title}
              </Typography.Text>
              {!catalog.complete ? <CompletenessNote complete={false} note={catalog.completenessNote} /> : null}
            </div>
          ) : null}
          <Descriptions
            bordered
            size="small"
            column={1}
            layout={isMobile ? 'vertical' : 'horizontal'}
            styles={{ label: isMobile ? undefined : { width: 140 } }}
            items={[
              { key: 'from', label: t('item.effectiveFrom'), children: item.effectiveFrom ?? t('history.noDate') },
              ...DETAIL_FIELDS.filter((k) => item[k] !== null && item[k] !== undefined && item[k] !== '').map((k) => ({
                key: k,
                label: t(`catalogs.field.${k}`),
                children:
                  k === 'sourceUrl' && HTTP_URL.test(String(item[k])) ? (
                    <Typography.Link
                      href={String(item[k])}
                      target="_blank"
                      rel="noopener noreferrer"
                      style={{ wordBreak: 'break-all' }}
                    >
                      {String(item[k])}
                    </Typography.Link>
                  ) : k === 'guidance' ? (
                    <span>
                      <Tag color="gold">{t('catalogs.platformGuidance')}</Tag>
                      {String(item[k])}
                    </span>
                  ) : (
                    <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{String(item[k])}</span>
                  ),
              })),
            ]}
          />

          <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 20 }}>
            {t('history.title')}
          </Typography.Title>
          {history.isPending ? (
            <Skeleton active />
          ) : history.error ? (
            <Alert type="error" showIcon title={t('common.loadFailed')} description={history.error.message} />
          ) : (
            <>
              {history.data.pending.length ? (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('history.pending', { n: history.data.pending.length })}
                  description={history.data.pending.map((a) => (
                    <div key={a.id} style={{ marginTop: 4 }}>
                      <Flex gap={6} wrap align="center">
                        <OperationTag operation={a.operation} />
                        <StatusTag status={a.status} />
                        <span>{a.targetRegion.name}</span>
                        <span style={{ color: 'var(--jf-text-secondary)', fontSize: '0.75rem' }}>
                          {t('history.effectiveFrom', { date: a.effectiveDate })}
                        </span>
                      </Flex>
                      <AdjustmentLine a={a} onOpen={props.onOpenAdjustment} />
                    </div>
                  ))}
                />
              ) : null}
              {history.data.revisions.length ? (
                <Timeline
                  data-testid="item-history"
                  items={history.data.revisions.map((r) => ({
                    key: r.id,
                    color: OP_COLORS[r.operation],
                    content: <RevisionItem r={r} onOpen={props.onOpenAdjustment} />,
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
              )}
            </>
          )}
        </div>
      ) : null}
    </Drawer>
  );
}
