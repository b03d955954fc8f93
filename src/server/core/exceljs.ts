/**
 * exceljs and its zip libraries take about 0.3 s to load, which is a quarter of the server's start-up:
 * they are loaded on the first spreadsheet instead, once, with the UTF-8 reader patch applied.
 */
import type ExcelJSModule from 'exceljs';
import { patchExcelJsUtf8 } from './exceljs-utf8.js';

let loading: Promise<typeof ExcelJSModule> | null = null;

export function loadExcelJs(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((m) => {
    const ExcelJS = ((m as { default?: typeof ExcelJSModule }).default ?? m) as typeof ExcelJSModule;
    patchExcelJsUtf8(ExcelJS);
    return ExcelJS;
  });
  return loading;
}
