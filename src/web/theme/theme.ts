import { theme as antdTheme, type ThemeConfig } from 'antd';

/**
 * The app's antd theme in its two modes: 标准 (normal) and 关怀模式 (care: large type, high contrast,
 * larger targets). Every text colour below meets 4.5:1 on the surfaces it is used on (white, #f0f2f5,
 * the light status backgrounds), 7:1 in care mode; focus indicators and input borders meet 3:1.
 * Sizes scale with the root font size (`rootPx`: the browser's font setting, ×1.25 in care mode), so
 * antd's pixel tokens follow the user's font setting the way the app's own rem-based CSS does.
 */

export const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

/** The browser's default root font size; rem values are relative to it. */
export const BASE_ROOT_PX = 16;

/** Brand colours (header background, primary): white on HEADER_BG is 9.9:1, PRIMARY on white 6.0:1. */
export const HEADER_BG = '#0f3f8c';
const PRIMARY = '#1d5fc4';
const PRIMARY_CARE = '#0b3f94'; // 9.8:1 on white
// Hover and pressed shades are darker, not lighter, so white text on them keeps its contrast.
const PRIMARY_HOVER = '#174ea6';
const PRIMARY_ACTIVE = '#123f87';
const PRIMARY_CARE_HOVER = '#083274';

/**
 * antd's light preset palettes (shades 1-3: backgrounds and borders) with, per colour, the text shade
 * used on them: the first shade that reads at 4.5:1 on shade 1 (normal) or 7:1 (care).
 */
const PRESETS = {
  red: { bg: ['#fff1f0', '#ffccc7', '#ffa39e'], text: '#cf1322', care: '#a8071a' },
  volcano: { bg: ['#fff2e8', '#ffd8bf', '#ffbb96'], text: '#ad2102', care: '#871400' },
  orange: { bg: ['#fff7e6', '#ffe7ba', '#ffd591'], text: '#ad4e00', care: '#873800' },
  gold: { bg: ['#fffbe6', '#fff1b8', '#ffe58f'], text: '#874d00', care: '#613400' },
  yellow: { bg: ['#feffe6', '#ffffb8', '#fffb8f'], text: '#876800', care: '#614700' },
  lime: { bg: ['#fcffe6', '#f4ffb8', '#eaff8f'], text: '#3f6600', care: '#254000' },
  green: { bg: ['#f6ffed', '#d9f7be', '#b7eb8f'], text: '#237804', care: '#135200' },
  cyan: { bg: ['#e6fffb', '#b5f5ec', '#87e8de'], text: '#006d75', care: '#00474f' },
  blue: { bg: ['#e6f4ff', '#bae0ff', '#91caff'], text: '#0958d9', care: '#003eb3' },
  geekblue: { bg: ['#f0f5ff', '#d6e4ff', '#adc6ff'], text: '#1d39c4', care: '#10239e' },
  purple: { bg: ['#f9f0ff', '#efdbff', '#d3adf7'], text: '#531dab', care: '#391085' },
  magenta: { bg: ['#fff0f6', '#ffd6e7', '#ffadd2'], text: '#c41d7f', care: '#9e1068' },
} as const;
type Preset = keyof typeof PRESETS;

/** Map tokens of one status family (success, warning, error, info) on a preset's light shades. */
function statusFamily(name: 'Success' | 'Warning' | 'Error' | 'Info', preset: Preset, care: boolean) {
  const p = PRESETS[preset];
  const strong = care ? p.care : p.text;
  return {
    [`color${name}Bg`]: p.bg[0],
    [`color${name}BgHover`]: p.bg[1],
    [`color${name}Border`]: p.bg[2],
    [`color${name}BorderHover`]: strong,
    [`color${name}Hover`]: strong,
    [`color${name}`]: strong,
    [`color${name}Active`]: strong,
    [`color${name}TextHover`]: strong,
    [`color${name}Text`]: strong,
    [`color${name}TextActive`]: strong,
  };
}

/** `${preset}7` is the text colour of `<Tag color="green">` and friends. */
function presetTextTokens(care: boolean) {
  const out: Record<string, string> = {};
  for (const [k, p] of Object.entries(PRESETS)) {
    out[`${k}7`] = care ? p.care : p.text;
    out[`${k}-7`] = care ? p.care : p.text;
  }
  return out;
}

export interface ThemeOptions {
  care: boolean;
  /** The root element's font size in px (the browser's setting, ×1.25 in care mode). */
  rootPx: number;
  reducedMotion: boolean;
}

export function buildTheme({ care, rootPx, reducedMotion }: ThemeOptions): ThemeConfig {
  const s = rootPx / BASE_ROOT_PX;
  // In care mode the root is already 1.25× larger; the text grows a little more than the spacing.
  const px = (n: number) => Math.round(n * s);
  const primary = care ? PRIMARY_CARE : PRIMARY;
  const text = care ? '#000000' : 'rgba(0, 0, 0, 0.88)';
  const secondary = care ? '#262626' : '#595959';
  return {
    algorithm: antdTheme.defaultAlgorithm,
    token: {
      fontFamily: FONT_FAMILY,
      fontSize: care ? Math.round(15 * s) : px(14),
      sizeUnit: px(4),
      sizeStep: px(4),
      controlHeight: care ? px(36) : px(32),
      borderRadius: 4,
      motion: !reducedMotion,
      colorPrimary: primary,
      colorPrimaryHover: care ? PRIMARY_CARE_HOVER : PRIMARY_HOVER,
      colorPrimaryActive: care ? PRIMARY_CARE_HOVER : PRIMARY_ACTIVE,
      colorLink: primary,
      colorLinkHover: care ? PRIMARY_CARE_HOVER : PRIMARY_HOVER,
      colorLinkActive: care ? PRIMARY_CARE_HOVER : PRIMARY_ACTIVE,
      colorText: text,
      colorTextHeading: text,
      colorTextSecondary: secondary,
      colorTextTertiary: secondary,
      colorTextDescription: secondary,
      colorTextPlaceholder: care ? '#4d4d4d' : '#6e6e6e',
      colorIcon: secondary,
      // Input and button borders: 3:1 against white (WCAG 1.4.11), darker in care mode.
      colorBorder: care ? '#595959' : '#8c8c8c',
      // antd draws focus rings (outline) in colorPrimaryBorder and input focus in controlOutline.
      colorPrimaryBorder: primary,
      controlOutline: primary,
      controlOutlineWidth: 2,
      lineWidthFocus: 3,
      // A loading button keeps its contrast (the spinner says it is busy).
      opacityLoading: 1,
      linkDecoration: care ? 'underline' : 'none',
      ...statusFamily('Success', 'green', care),
      ...statusFamily('Warning', 'gold', care),
      ...statusFamily('Error', 'red', care),
      ...statusFamily('Info', 'blue', care),
      colorInfo: primary,
      ...presetTextTokens(care),
    },
    components: {
      Layout: { headerBg: HEADER_BG, siderBg: '#ffffff', headerPadding: `0 ${px(16)}px` },
      Menu: { itemHeight: care ? px(44) : px(40) },
      // The empty-table text is drawn in colorTextDisabled: readable here, it is not a disabled control.
      Table: care
        ? { headerColor: '#000000', cellPaddingBlock: px(14), colorTextDisabled: secondary }
        : { colorTextDisabled: secondary },
    },
  };
}

/** The header's controls sit on HEADER_BG: their focus ring is white there (9.9:1). */
export const HEADER_THEME: ThemeConfig = { token: { colorPrimaryBorder: '#ffffff', lineWidthFocus: 3 } };
