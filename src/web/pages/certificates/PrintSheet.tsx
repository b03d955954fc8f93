import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, type AlertProps } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer.js';
import { useI18n } from '../../i18n/index.js';
import { zh } from '../../../shared/i18n.js';
import './print.css';

/**
 * Shows an A4 sheet on screen and keeps a second copy in a print layer directly under <body>; while
 * it is mounted, printing hides everything else (the app's header, menu and footer live in #root).
 */
export function PrintSheet({ children, testId }: { children: ReactNode; testId?: string }) {
  const [layer] = useState(() => {
    const el = document.createElement('div');
    el.className = 'jf-print-layer';
    return el;
  });
  useEffect(() => {
    document.body.appendChild(layer);
    document.body.classList.add('jf-print-mode');
    return () => {
      document.body.classList.remove('jf-print-mode');
      layer.remove();
    };
  }, [layer]);
  return (
    <>
      <div className="jf-a4-screen" data-testid={testId}>
        <div className="jf-a4">{children}</div>
      </div>
      {createPortal(<div className="jf-a4">{children}</div>, layer)}
    </>
  );
}

/**
 * A print page: the title with a way back and the print button, a note on what is printed, and the
 * A4 sheet.
 */
export function PrintPage(props: {
  title: string;
  back: ReactNode;
  note: Pick<AlertProps, 'type' | 'title' | 'description'>;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <PageContainer
      title={props.title}
      extra={
        <>
          {props.back}
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
            {t('certificates.print.print')}
          </Button>
        </>
      }
    >
      <Alert showIcon style={{ marginBottom: 16 }} {...props.note} />
      <PrintSheet testId={props.testId}>{props.children}</PrintSheet>
    </PageContainer>
  );
}

/** 2026-11-28 → 2026年11月28日 (printed papers are Chinese in every UI language). */
export const cnDate = (d: string) =>
  zh('certificates.template.date', { year: d.slice(0, 4), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });
