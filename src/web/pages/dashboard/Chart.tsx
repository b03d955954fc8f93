/**
 * ECharts for the dashboard, imported piece by piece (core + the two chart types and four components
 * used) so the dashboard chunk stays small; only this lazy page imports it, never the login bundle.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import EChartsCoreModule from 'echarts-for-react/esm/core.js';
import type { ComponentType, CSSProperties } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

interface CoreProps {
  echarts: typeof echarts;
  option: EChartsOption;
  notMerge?: boolean;
  lazyUpdate?: boolean;
  style?: CSSProperties;
  opts?: { renderer?: 'canvas' | 'svg'; locale?: string };
}
// echarts-for-react's esm/ files are ESM without "type": "module": TypeScript sees a CommonJS
// namespace, Vite hands over the default export. Accept both shapes (as App.tsx does for antd locales).
const ReactEChartsCore = ((EChartsCoreModule as unknown as { default?: ComponentType<CoreProps> }).default ??
  EChartsCoreModule) as unknown as ComponentType<CoreProps>;

export const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

export function Chart({ option, height, testId }: { option: EChartsOption; height: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ textStyle: { fontFamily: FONT }, animation: false, ...option }}
        notMerge
        lazyUpdate
        style={{ height, width: '100%' }}
      />
    </div>
  );
}

export type { EChartsOption };
