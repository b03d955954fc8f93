import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Input,
  Result,
  Row,
  Skeleton,
  Table,
  Radio,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { HistoryOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CatalogKind } from '../../../shared/catalogs.js';
import { useMe } from '../../api/auth.js';
import { accessOf } from '../../access.js';
import { PageContainer } from '../../components/PageContainer.js';
import { RegionSelect } from '../../components/RegionSelect.js';
import { ExportButton, useExporter } from '../../components/ExportButton.js';
import { useIsMobile } from '../../components/useIsMobile.js';
import { CATALOG_KINDS } from '../../../shared/catalogs.enums.js';
import { useSearchPatch } from '../../hooks/useSearchPatch.js';
import { useI18n } from '../../i18n/index.js';
import {
  catalogItems,
  catalogKeys,
  effectiveCatalog,
  exportCatalog,
  exportEffective,
  listCatalogs,
  type ActiveCatalog,
  type CatalogDto,
  type EffectiveItemDto,
} from './catalogs.api.js';
import { CompletenessNote, CompletenessTag, LayerTag, SourceLinks, StatusTag, todayStr } from './CatalogTags.js';
import { useItemMatcher } from './itemSearch.js';
import { ItemDrawer } from './ItemDrawer.js';
import { AdjustmentFormDrawer, type AdjustmentPreset } from './AdjustmentFormDrawer.js';
import { AdjustmentDrawer } from './AdjustmentDrawer.js';
import { useLayers } from './TargetLayerSelect.js';
import { CLEARABLE } from '../../components/ClearIcon.js';
import { LinkButton } from '../../components/LinkButton.js';

/** The layer a change made while looking at `region` would act on: the region itself, or a village's township. */
function layerFor(region: { code: string; level: string } | undefined): string | undefined {
  if (!region) return undefined;
  if (region.level === 'county' || region.level === 'township') return region.code;
  if (region.level === 'village' || region.level === 'community') return `${region.code.slice(0, 9)}000`;
  return undefined;
}

function ItemsTable(props: {
  items: EffectiveItemDto[];
  kind: CatalogKind;
  onOpen: (i: EffectiveItemDto) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const negative = props.kind === 'negative_certificate';
  const columns: TableColumnsType<EffectiveItemDto> = isMobile
    ? [
        {
          title: t('catalogs.itemName'),
          dataIndex: 'name',
          render: (_: unknown, i) => (
            <div>
              <LinkButton onClick={() => props.onOpen(i)} style={{ fontWeight: 500 }}>
                {i.name}
              </LinkButton>
              <ItemBadges i={i} />
              <div style={{ fontSize: '0.75rem', color: 'var(--jf-text-secondary)' }}>
                <span className="jf-mono">{i.code}</span>
                {i.category ? ` · ${i.category}` : ''}
                {i.effectiveFrom ? ` · ${t('catalogs.since', { date: i.effectiveFrom })}` : ''}
              </div>
            </div>
          ),
        },
      ]
    : [
        {
          title: t('catalogs.code'),
          dataIndex: 'code',
          width: 150,
          render: (v: string) => <span className="jf-mono">{v}</span>,
        },
        {
          title: t('catalogs.itemName'),
          dataIndex: 'name',
          render: (_: unknown, i) => (
            <div style={{ minWidth: 220 }}>
              <LinkButton onClick={() => props.onOpen(i)}>{i.name}</LinkButton>
              <ItemBadges i={i} />
            </div>
          ),
        },
        { title: t('catalogs.category'), dataIndex: 'category', width: 100, render: (v: string | null) => v ?? '—' },
        negative
          ? {
              title: t('catalogs.alternative'),
              key: 'alt',
              render: (_: unknown, i) =>
                i.alternativeChannel ? (
                  <Typography.Paragraph
                    ellipsis={{ rows: 2, tooltip: i.alternativeChannel }}
                    style={{ marginBottom: 0, maxWidth: 360 }}
                  >
                    {i.alternativeChannel}
                  </Typography.Paragraph>
                ) : i.guidance ? (
                  <Typography.Paragraph
                    ellipsis={{ rows: 2, tooltip: i.guidance }}
                    style={{ marginBottom: 0, maxWidth: 360 }}
                  >
                    <Tag color="gold">{t('catalogs.platformGuidance')}</Tag>
                    {i.guidance}
                  </Typography.Paragraph>
                ) : (
                  '—'
                ),
            }
          : {
              title: t('catalogs.basis'),
              dataIndex: 'basis',
              render: (v: string | null) =>
                v ? (
                  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0, maxWidth: 360 }}>
                    {v}
                  </Typography.Paragraph>
                ) : (
                  '—'
                ),
            },
        {
          title: t('catalogs.effectiveFrom'),
          dataIndex: 'effectiveFrom',
          width: 110,
          render: (v: string | null) => v ?? '—',
        },
      ];
  return (
    <Table<EffectiveItemDto>
      rowKey="itemId"
      size="small"
      columns={columns}
      dataSource={props.items}
      data-testid={props.testId}
      onRow={(i) => ({ onClick: () => props.onOpen(i), style: { cursor: 'pointer' } })}
      scroll={isMobile ? undefined : { x: 'max-content' }}
      pagination={
        props.items.length > 20
          ? { pageSize: 20, size: 'small', showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }
          : false
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalogs.noItems')} /> }}
    />
  );
}

function ItemBadges({ i }: { i: EffectiveItemDto }) {
  const { t } = useI18n();
  if (!i.addedBy && !i.amendedBy.length && !i.catchAll) return null;
  return (
    <span style={{ marginInlineStart: 6 }}>
      {i.addedBy ? (
        <Tag color="green" style={{ fontSize: '0.75rem' }}>
          {t('item.addedBy', { name: i.addedBy.name })}
        </Tag>
      ) : null}
      {i.amendedBy.length ? (
        <Tag color="blue" style={{ fontSize: '0.75rem' }}>
          {t('item.amendedBy', { name: i.amendedBy.map((r) => r.name).join('、') })}
        </Tag>
      ) : null}
      {i.catchAll ? (
        <Tag color="gold" style={{ fontSize: '0.75rem' }}>
          {t('item.catchAll')}
        </Tag>
      ) : null}
    </span>
  );
}

function CatalogHeader({
  c,
  extra,
}: {
  c: Pick<
    ActiveCatalog,
    | 'title'
    | 'layer'
    | 'province'
    | 'complete'
    | 'completenessNote'
    | 'sourceUrl'
    | 'secondarySources'
    | 'effectiveFrom'
    | 'dateNote'
  >;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 12 }}>
      <Flex gap={8} justify="space-between" wrap align="flex-start">
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Flex gap={6} wrap align="center" style={{ marginBottom: 4 }}>
            <LayerTag layer={c.layer} province={c.province} />
            <CompletenessTag complete={c.complete} note={c.completenessNote} />
            {c.effectiveFrom ? (
              <Tooltip title={c.dateNote}>
                <Tag style={{ marginInlineEnd: 0 }}>{t('catalogs.since', { date: c.effectiveFrom })}</Tag>
              </Tooltip>
            ) : null}
          </Flex>
          <Typography.Text
            strong
            style={{ fontSize: '0.9375rem', wordBreak: 'break-word' }}
            data-testid="catalog-title"
          >
            {c.title}
          </Typography.Text>
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      <CompletenessNote complete={c.complete} note={c.completenessNote} style={{ marginTop: 4 }} />
      <div style={{ marginTop: 2 }}>
        <SourceLinks url={c.sourceUrl} more={c.secondarySources} />
      </div>
    </div>
  );
}

/** A list that is not in force in the region (e.g. another province's list): browse it, or propose adopting it. */
function ReferenceCatalog({
  c,
  date,
  onOpen,
  onAdopt,
}: {
  c: CatalogDto;
  date: string;
  onOpen: (i: EffectiveItemDto, c: CatalogDto) => void;
  onAdopt?: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const items = useQuery({
    queryKey: catalogKeys.items(c.id, date),
    queryFn: () => catalogItems(c.id, date),
    enabled: open,
  });
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12, background: '#fff' }}
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: c.id,
          label: (
            <Flex gap={6} wrap align="center">
              <LayerTag layer={c.layer} province={c.province} />
              <CompletenessTag complete={c.complete} note={c.completenessNote} />
              <Tag style={{ marginInlineEnd: 0 }}>{t('catalogs.notInForce')}</Tag>
              <span style={{ wordBreak: 'break-word' }}>{c.title}</span>
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {t('catalogs.itemCount', { n: c.itemCount })}
              </Typography.Text>
            </Flex>
          ),
          children: (
            <div>
              <CatalogHeader
                c={{ ...c, dateNote: c.dateNote }}
                extra={
                  onAdopt ? (
                    <Button size="small" icon={<PlusOutlined />} onClick={onAdopt}>
                      {t('catalogs.adopt')}
                    </Button>
                  ) : null
                }
              />
              {items.isPending ? (
                <Skeleton active />
              ) : items.error ? (
                <Alert type="error" showIcon title={items.error.message} />
              ) : (
                <ItemsTable items={items.data.items} kind={c.kind} onOpen={(i) => onOpen(i, c)} />
              )}
            </div>
          ),
        },
      ]}
    />
  );
}

/**
 * 目录浏览: the effective catalog of a region on a date (the user's own region today by default), by
 * kind; each list with its layer, completeness (部分 with its note) and sources; search by name, code
 * or pinyin initials; an item drawer with the item's history; entry points for adjustments.
 */
export default function CatalogBrowserPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const access = accessOf(me);
  const [params, set] = useSearchPatch();
  const today = todayStr();
  const region = params.get('region') || me?.region?.code || '';
  const date = params.get('date') || today;
  const [q, setQ] = useState(params.get('q') ?? '');
  const matcher = useItemMatcher(q);
  const [selected, setSelected] = useState<{
    item: EffectiveItemDto;
    catalog: Parameters<typeof ItemDrawer>[0]['catalog'];
  } | null>(null);
  const [preset, setPreset] = useState<AdjustmentPreset | null>(null);
  const [adjustmentId, setAdjustmentId] = useState<string | null>(null);
  const { layers } = useLayers();

  const effective = useQuery({
    queryKey: catalogKeys.effective(region, date),
    queryFn: () => effectiveCatalog(region, date),
    enabled: !!region,
    placeholderData: keepPreviousData,
  });
  const catalogs = useQuery({
    queryKey: catalogKeys.list(region),
    queryFn: () => listCatalogs(region),
    enabled: !!region,
  });
  const exporter = useExporter(t('catalogs.exported'));

  const eff = effective.data;
  const target = layerFor(eff?.region);
  const canAdjust = access.canManageCatalogs && !!target && layers.some((l) => l.code === target);
  const filtered = useMemo(
    () => (eff?.catalogs ?? []).map((c) => ({ ...c, shown: matcher ? c.items.filter(matcher) : c.items })),
    [eff, matcher],
  );
  const inactive = useMemo(() => {
    const active = new Set((eff?.catalogs ?? []).map((c) => c.id));
    return (catalogs.data ?? []).filter((c) => !active.has(c.id));
  }, [catalogs.data, eff]);
  const kinds = CATALOG_KINDS.filter((k) => filtered.some((c) => c.kind === k) || inactive.some((c) => c.kind === k));
  const kindParam = params.get('kind') as CatalogKind | null;
  const firstHit = matcher ? kinds.find((k) => filtered.some((c) => c.kind === k && c.shown.length)) : undefined;
  const firstFull = kinds.find((k) => filtered.some((c) => c.kind === k && c.items.length));
  const kind: CatalogKind | undefined =
    kindParam && kinds.includes(kindParam) ? kindParam : (firstHit ?? firstFull ?? kinds[0]);

  // ?item=CODE opens that item (links from adjustments and history).
  const itemParam = params.get('item');
  useEffect(() => {
    if (!itemParam || !eff) return;
    for (const c of eff.catalogs) {
      const i = c.items.find((x) => x.code === itemParam);
      if (i) {
        setSelected({ item: i, catalog: c });
        set({ item: undefined, kind: c.kind });
        return;
      }
    }
    set({ item: undefined });
  }, [itemParam, eff]);

  const tabLabel = (k: CatalogKind) => {
    const n = filtered.filter((c) => c.kind === k).reduce((s, c) => s + c.shown.length, 0);
    return (
      <span>
        {t(`catalogs.kindShort.${k}`)}
        <Badge
          count={n}
          showZero
          overflowCount={9999}
          color={matcher && n ? '#1d5fc4' : '#595959'}
          style={{ marginInlineStart: 6, boxShadow: 'none' }}
        />
      </span>
    );
  };

  const kindBody = (k: CatalogKind) => {
    const mine = filtered.filter((c) => c.kind === k);
    const refs = inactive.filter((c) => c.kind === k);
    return (
      <div>
        <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 0 }}>
          {t(`catalogs.kind.${k}`)}
        </Typography.Title>
        {mine.length === 0 ? (
          <Alert type="info" showIcon title={t('catalogs.noActiveOfKind')} style={{ marginBottom: 12 }} />
        ) : null}
        {mine.map((c) => (
          <Card key={c.id} size="small" style={{ marginBottom: 12 }} data-testid="catalog-card">
            <CatalogHeader
              c={c}
              extra={
                <>
                  {c.via === 'adopted' && c.adoptedBy ? (
                    <Tag color="purple">{t('catalogs.adoptedBy', { name: c.adoptedBy.name })}</Tag>
                  ) : null}
                  {canAdjust ? (
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setPreset({ operation: 'add', targetRegion: target, catalogId: c.id })}
                      data-testid="catalog-add-item"
                    >
                      {t('catalogs.addItem')}
                    </Button>
                  ) : null}
                  {catalogs.data?.find((x) => x.id === c.id)?.abilities.import ? (
                    <Link to={`/catalogs/transfer?catalog=${encodeURIComponent(c.id)}`}>
                      <Button size="small" icon={<UploadOutlined />}>
                        {t('catalogs.import')}
                      </Button>
                    </Link>
                  ) : null}
                  <ExportButton size="small" exporter={exporter} run={() => exportCatalog(c.id, date)}>
                    {t('catalogs.exportOne')}
                  </ExportButton>
                </>
              }
            />
            {c.items.length === 0 ? (
              <Alert type="warning" showIcon title={c.importNote ?? t('catalogs.noItemsYet')} />
            ) : (
              <ItemsTable
                items={c.shown}
                kind={c.kind}
                onOpen={(i) => setSelected({ item: i, catalog: c })}
                testId="catalog-items"
              />
            )}
          </Card>
        ))}
        {refs.length ? (
          <>
            <Typography.Title level={2} className="jf-h-small" style={{ marginTop: 8 }}>
              {t('catalogs.references')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: '0.75rem' }}>
              {t('catalogs.referencesNote')}
            </Typography.Paragraph>
            {refs.map((c) => (
              <ReferenceCatalog
                key={c.id}
                c={c}
                date={date}
                onOpen={(i, cat) => setSelected({ item: i, catalog: cat })}
                onAdopt={
                  canAdjust && !c.ownerRegion
                    ? () => setPreset({ operation: 'adopt', targetRegion: target, catalogId: c.id })
                    : undefined
                }
              />
            ))}
          </>
        ) : null}
      </div>
    );
  };

  let content;
  if (!region) content = <Empty description={t('catalogs.pickRegion')} />;
  else if (effective.isPending) content = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (effective.error && !eff)
    content = (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={effective.error.message}
        extra={<Button onClick={() => void effective.refetch()}>{t('common.retry')}</Button>}
      />
    );
  else if (eff)
    content = (
      <>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="catalog-version">
          <Typography.Text>{t('catalogs.effectiveOf', { region: eff.region.name, date: eff.date })}</Typography.Text>
          <Tooltip title={t('catalogs.versionHelp')}>
            <Tag color="geekblue" className="jf-mono" style={{ marginInlineEnd: 0 }}>
              {t('catalogs.version')} {eff.catalogVersion}
            </Tag>
          </Tooltip>
          <Typography.Text type="secondary">{t('catalogs.itemCount', { n: eff.itemCount })}</Typography.Text>
          {effective.isFetching ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : null}
        </Flex>
        {eff.scheduled.length ? (
          <Alert
            type="info"
            showIcon={!isMobile}
            style={{ marginBottom: 12 }}
            title={t('catalogs.scheduled', { n: eff.scheduled.length })}
            description={eff.scheduled.map((a) => (
              <Flex key={a.id} gap={6} wrap align="center" style={{ marginTop: 4 }}>
                <LinkButton onClick={() => setAdjustmentId(a.id)}>
                  {a.effectiveFrom ?? a.effectiveDate} · {a.targetRegion.name} ·{' '}
                  {t(`catalogs.operation.${a.operation}`)} · {a.itemName ?? a.catalogId}
                </LinkButton>
                <StatusTag status={a.status} />
              </Flex>
            ))}
          />
        ) : null}
        {kinds.length && isMobile ? (
          // On a phone the kinds wrap onto several lines (antd's tab bar would hide some behind a
          // "more" button inside the tab list, which screen readers cannot make sense of).
          <>
            <Radio.Group
              value={kind}
              onChange={(e) => set({ kind: e.target.value as CatalogKind })}
              optionType="button"
              aria-label={t('catalogs.kindPicker')}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 12 }}
              data-testid="kind-tabs"
              options={kinds.map((k) => ({ value: k, label: tabLabel(k) }))}
            />
            {kind ? kindBody(kind as CatalogKind) : null}
          </>
        ) : kinds.length ? (
          <Tabs
            activeKey={kind}
            onChange={(k) => set({ kind: k })}
            items={kinds.map((k) => ({ key: k, label: tabLabel(k), children: kindBody(k) }))}
            data-testid="kind-tabs"
          />
        ) : (
          <Empty description={t('catalogs.noCatalogs')} />
        )}
      </>
    );

  return (
    <PageContainer
      title={t('catalogs.title')}
      extra={
        <>
          {access.canManageCatalogs ? (
            <Button icon={<PlusOutlined />} onClick={() => setPreset({ targetRegion: canAdjust ? target : undefined })}>
              {t('adjust.create')}
            </Button>
          ) : null}
          <Link to="/catalogs/adjustments">
            <Button icon={<HistoryOutlined />}>{t('menu.catalogAdjustments')}</Button>
          </Link>
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]} align="bottom">
          <Col xs={24} md={8}>
            <label htmlFor="catalog-region" className={isMobile ? 'jf-sr-only' : 'jf-field-label'}>
              {t('catalogs.region')}
            </label>
            <RegionSelect id="catalog-region" value={region || undefined} onChange={(code) => set({ region: code })} />
          </Col>
          <Col xs={14} sm={10} md={5}>
            <label htmlFor="catalog-as-of" className={isMobile ? 'jf-sr-only' : 'jf-field-label'}>
              {t('catalogs.asOf')}
            </label>
            <DatePicker
              id="catalog-as-of"
              value={dayjs(date)}
              allowClear={false}
              prefix={
                isMobile ? (
                  <span aria-hidden style={{ color: 'var(--jf-text-secondary)', fontSize: '0.75rem' }}>
                    {t('catalogs.asOf')}
                  </span>
                ) : undefined
              }
              onChange={(d) =>
                set({ date: d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined })
              }
              style={{ width: '100%' }}
              data-testid="as-of-date"
            />
          </Col>
          {isMobile ? (
            <Col xs={10}>
              <ExportButton block disabled={!region} exporter={exporter} run={() => exportEffective(region, date)}>
                {t('catalogs.exportShort')}
              </ExportButton>
            </Col>
          ) : null}
          <Col xs={24} sm={14} md={7}>
            <label htmlFor="catalog-search-input" className={isMobile ? 'jf-sr-only' : 'jf-field-label'}>
              {t('catalogs.search')}
            </label>
            <Input
              id="catalog-search-input"
              allowClear={CLEARABLE}
              prefix={<SearchOutlined aria-hidden />}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('catalogs.searchPlaceholder')}
              maxLength={100}
              data-testid="catalog-search"
            />
          </Col>
          {isMobile ? null : (
            <Col md={4}>
              <ExportButton block disabled={!region} exporter={exporter} run={() => exportEffective(region, date)}>
                {t('catalogs.exportEffective')}
              </ExportButton>
            </Col>
          )}
        </Row>
      </Card>
      {content}
      <ItemDrawer
        item={selected?.item ?? null}
        catalog={selected?.catalog ?? null}
        onClose={() => setSelected(null)}
        onAdjust={
          canAdjust && selected && eff?.catalogs.some((c) => c.id === selected.item.catalogId)
            ? (operation, i) => {
                setSelected(null);
                setPreset({ operation, targetRegion: target, itemCode: i.code });
              }
            : undefined
        }
        onOpenAdjustment={(id) => setAdjustmentId(id)}
      />
      <AdjustmentFormDrawer
        open={!!preset}
        preset={preset ?? undefined}
        onClose={() => setPreset(null)}
        onDone={(a) => setAdjustmentId(a.id)}
      />
      <AdjustmentDrawer id={adjustmentId} onClose={() => setAdjustmentId(null)} />
    </PageContainer>
  );
}
