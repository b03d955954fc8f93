/**
 * T-X1: a corpus of broken and hostile spreadsheets, generated into a directory (nothing binary is
 * checked in). Every case carries a VALID payload (the region template's header and one in-scope
 * row) unless the defect is in the payload itself, so the only thing that can make the server refuse
 * a case is the defect under test: if a defect slipped through, the row would be imported and the
 * suite would see it written.
 *
 * Zips are written by the small writer below (no zip library: it must be able to lie about CRCs,
 * sizes, names and methods). Large inflated contents (the 1 GB bomb, 1,048,576 rows) are streamed
 * through zlib.deflateRaw so neither the generator nor the file gets big.
 *
 * Run alone: `npx tsx test/reliability/xlsx-corpus.ts <dir>` writes the files and lists them.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The in-scope row every valid payload carries (a new village under 韩店街道, 140404001000). */
export const PAYLOAD_CODE = '140404001297';
export const PAYLOAD_NAME = '测试村委会';

export interface CorpusCase {
  name: string;
  file: string;
  bytes: number;
  /** What the case is about (for the report). */
  about: string;
}

// ---------------------------------------------------------------- a tiny zip writer

export interface ZipEntry {
  name: string;
  /** Uncompressed content, or a pre-compressed body (then `crc` and `size` must be given). */
  data?: Buffer;
  deflated?: { body: Buffer; crc: number; size: number };
  /** 0 = stored, 8 = deflate (default 8 when `data` is given). */
  method?: number;
  /** Lies, for the broken cases. */
  crcOverride?: number;
  sizeOverride?: number;
  methodOverride?: number;
  flags?: number;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let body: Buffer;
    let crc: number;
    let size: number;
    let method: number;
    if (e.deflated) {
      body = e.deflated.body;
      crc = e.deflated.crc;
      size = e.deflated.size;
      method = 8;
    } else {
      const data = e.data ?? Buffer.alloc(0);
      method = e.method ?? 8;
      body = method === 8 ? zlib.deflateRawSync(data, { level: 9 }) : data;
      crc = zlib.crc32(data);
      size = data.length;
    }
    if (e.crcOverride !== undefined) crc = e.crcOverride;
    if (e.sizeOverride !== undefined) size = e.sizeOverride;
    if (e.methodOverride !== undefined) method = e.methodOverride;
    const flags = (e.flags ?? 0) | 0x0800; // UTF-8 names
    const common = Buffer.concat([
      u16(20),
      u16(flags),
      u16(method),
      u16(0),
      u16(0x21),
      u32(crc),
      u32(body.length),
      u32(size),
      u16(name.length),
      u16(0),
    ]);
    const local = Buffer.concat([u32(0x04034b50), common, name]);
    parts.push(local, body);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    offset += local.length + body.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(cd.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...parts, cd, eocd]);
}

/** Deflates a generated stream of `total` bytes without holding it: returns the compressed body, CRC and size. */
async function deflateStream(
  chunks: () => Generator<Buffer>,
  level = 9,
): Promise<{ body: Buffer; crc: number; size: number }> {
  const deflate = zlib.createDeflateRaw({ level, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks()) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { body: Buffer.concat(out), crc, size };
}

// ---------------------------------------------------------------- workbook parts

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function contentTypes(sheets: number, extra = '') {
  const overrides = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    `${overrides}${extra}</Types>`
  );
}
const rootRels = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
function workbookXml(sheets: { name: string; state?: 'hidden' | 'veryHidden' }[]) {
  return `${XML}<workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
}
function workbookRels(sheets: number, sharedStrings = false) {
  const rels = Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (sharedStrings)
    rels.push(`<Relationship Id="rId${sheets + 1}" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

const col = (i: number) => String.fromCharCode(65 + i);
/** A cell as XML: strings inline, `{n}` numbers, `{f}` formulas, or raw XML. */
type Cell = string | { n: number } | { f: string; v?: string } | { raw: string } | null;
function cellXml(ref: string, c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
  if ('n' in c) return `<c r="${ref}"><v>${c.n}</v></c>`;
  if ('f' in c) return `<c r="${ref}"><f>${esc(c.f)}</f>${c.v !== undefined ? `<v>${esc(c.v)}</v>` : ''}</c>`;
  return c.raw;
}
function sheetXml(rows: Cell[][], opts: { head?: string; tail?: string; prolog?: string } = {}) {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((c, j) => cellXml(`${col(j)}${i + 1}`, c)).join('')}</row>`)
    .join('');
  return `${opts.prolog ?? XML}<worksheet xmlns="${NS}" xmlns:r="${RNS}">${opts.head ?? ''}<sheetData>${body}</sheetData>${opts.tail ?? ''}</worksheet>`;
}

const HEADER: Cell[] = ['区划代码', '名称'];
const VALID_ROWS: Cell[][] = [HEADER, [PAYLOAD_CODE, PAYLOAD_NAME]];

interface BookOpts {
  sheets?: { name: string; xml: string; state?: 'hidden' | 'veryHidden' }[];
  sharedStrings?: string;
  extra?: ZipEntry[];
  omit?: string[];
  /** Per-entry overrides by name. */
  patch?: Record<string, Partial<ZipEntry>>;
  contentTypesExtra?: string;
}

/** A minimal, valid workbook (the control case parses to exactly the payload row). */
function bookEntries(o: BookOpts = {}): ZipEntry[] {
  const sheets = o.sheets ?? [{ name: '区划', xml: sheetXml(VALID_ROWS) }];
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes(sheets.length, o.contentTypesExtra ?? '')) },
    { name: '_rels/.rels', data: Buffer.from(rootRels) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbookXml(sheets)) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(workbookRels(sheets.length, !!o.sharedStrings)) },
  ];
  if (o.sharedStrings) entries.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(o.sharedStrings) });
  sheets.forEach((s, i) => entries.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(s.xml) }));
  entries.push(...(o.extra ?? []));
  return entries.filter((e) => !o.omit?.includes(e.name)).map((e) => ({ ...e, ...o.patch?.[e.name] }));
}
export const book = (o: BookOpts = {}) => zip(bookEntries(o));

/** The valid control workbook (must be ACCEPTED by the parser: proves the generator's baseline is sound). */
export const controlWorkbook = () => book();

// ---------------------------------------------------------------- the corpus

function* zeros(total: number, chunk = 1 << 20) {
  const z = Buffer.alloc(chunk);
  for (let left = total; left > 0; left -= chunk) yield left >= chunk ? z : z.subarray(0, left);
}

function* manyRows(rows: number) {
  yield Buffer.from(
    `${XML}<worksheet xmlns="${NS}"><sheetData><row r="1">${cellXml('A1', '区划代码')}${cellXml('B1', '名称')}</row>`,
  );
  const batch: string[] = [];
  for (let r = 2; r <= rows; r++) {
    batch.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
    if (batch.length === 10_000) {
      yield Buffer.from(batch.join(''));
      batch.length = 0;
    }
  }
  yield Buffer.from(`${batch.join('')}</sheetData></worksheet>`);
}

/** Deterministic pseudo-random bytes. */
function rand(len: number) {
  const b = Buffer.alloc(len);
  for (let i = 0; i < len; i++) b[i] = (Math.imul(i + 7, 2654435761) >>> 13) & 0xff;
  return b;
}

const cfbHeader = () => {
  const b = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  return b;
};

/** Writes every case into `dir` and returns the list. `bombBytes` is the inflated size of the bomb (1 GiB by default). */
export async function buildCorpus(
  dir: string,
  opts: { bombBytes?: number; rows?: number } = {},
): Promise<CorpusCase[]> {
  fs.mkdirSync(dir, { recursive: true });
  const cases: CorpusCase[] = [];
  let n = 0;
  const add = (name: string, about: string, data: Buffer, ext = 'xlsx') => {
    const file = path.join(dir, `${String(++n).padStart(2, '0')}-${name}.${ext}`);
    fs.writeFileSync(file, data);
    cases.push({ name, file, bytes: data.length, about });
  };
  const valid = book();

  // Wrong file types
  add('empty', '0 字节的空文件', Buffer.alloc(0));
  add('random-bytes', '64 KB 随机字节', rand(65536));
  add('xls-cfb', '旧版 .xls（CFB 复合文档头）改名为 .xlsx', cfbHeader());
  add(
    'encrypted-ooxml',
    '加密的 OOXML（CFB 容器，含 EncryptedPackage）',
    Buffer.concat([cfbHeader(), Buffer.from('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0', 'latin1')]),
  );
  add('csv-renamed', 'CSV 改名为 .xlsx', Buffer.from(`区划代码,名称\n${PAYLOAD_CODE},${PAYLOAD_NAME}\n`));
  add(
    'html-script',
    '含 <script> 的 HTML 改名',
    Buffer.from(
      `<html><body><script>alert(1)</script><table><tr><td>区划代码</td><td>名称</td></tr><tr><td>${PAYLOAD_CODE}</td><td>${PAYLOAD_NAME}</td></tr></table></body></html>`,
    ),
  );
  add('elf', 'ELF 可执行文件头改名', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), rand(4088)]));
  add(
    'png',
    'PNG 图片改名',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), rand(2048)]),
  );
  add('pdf', 'PDF 改名', Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
  add('plain-zip', '普通 zip（只有一个文本文件）', zip([{ name: 'readme.txt', data: Buffer.from('hello') }]));

  // Broken zips
  add('no-content-types', '缺少 [Content_Types].xml', book({ omit: ['[Content_Types].xml'] }));
  add('no-workbook', '缺少 xl/workbook.xml', book({ omit: ['xl/workbook.xml'] }));
  add('truncated-50', '截断到 50%', valid.subarray(0, Math.floor(valid.length / 2)));
  add('truncated-header', '只剩第一个本地文件头', valid.subarray(0, 40));
  {
    // A data byte of the stored sheet flipped: content differs from its CRC (a corrupted file).
    const entries = bookEntries({ patch: { 'xl/worksheets/sheet1.xml': { method: 0 } } });
    const z = zip(entries);
    const at = z.indexOf(Buffer.from(PAYLOAD_NAME));
    z[at + 2] ^= 0x01;
    add('bad-crc', 'CRC 校验错误（工作表数据被改动一个字节）', z);
  }
  {
    const z = Buffer.from(valid);
    z.writeUInt32LE(z.length + 1000, z.length - 6); // central directory offset beyond the file
    add('bad-central-directory', '中央目录偏移指向文件之外', z);
  }
  add(
    'size-understated',
    '声明的解压大小小于实际大小',
    book({ patch: { 'xl/worksheets/sheet1.xml': { sizeOverride: 10 } } }),
  );
  add(
    'size-overstated',
    '声明的解压大小大于实际大小',
    book({ patch: { 'xl/worksheets/sheet1.xml': { sizeOverride: 1_000_000 } } }),
  );
  add(
    'unknown-method',
    '不支持的压缩方法（99，AES）',
    book({ patch: { 'xl/worksheets/sheet1.xml': { methodOverride: 99 } } }),
  );
  add('encrypted-entry', '部件设置了加密标志位', book({ patch: { 'xl/worksheets/sheet1.xml': { flags: 1 } } }));

  // Zip bombs
  {
    const bomb = await deflateStream(() => zeros(opts.bombBytes ?? 1 << 30));
    add(
      'zip-bomb-1gb',
      `工作表 XML 解压后 ${Math.round((opts.bombBytes ?? 1 << 30) / 1048576)} MB（全零），压缩后约 1 MB`,
      book({ extra: [{ name: 'xl/worksheets/sheet2.xml', deflated: bomb }] }),
    );
    const one = await deflateStream(() => zeros(8 << 20));
    add(
      'zip-bomb-spread',
      '200 个部件各解压 8 MB（合计 1.6 GB）',
      book({ extra: Array.from({ length: 200 }, (_, i) => ({ name: `xl/media/z${i}.bin`, deflated: one })) }),
    );
    const inner = zip([{ name: 'xl/worksheets/sheet1.xml', deflated: bomb }]);
    add(
      'nested-xlsx',
      '工作簿内嵌套的 xlsx（内含压缩炸弹），外层只有表头',
      book({
        sheets: [{ name: '区划', xml: sheetXml([HEADER]) }],
        extra: [{ name: 'xl/embeddings/inner.xlsx', data: inner, method: 0 }],
      }),
    );
  }

  // Archive abuse
  add(
    '10000-entries',
    '10,000 个部件',
    book({
      extra: Array.from({ length: 10_000 }, (_, i) => ({
        name: `xl/media/e${i}.txt`,
        data: Buffer.from('x'),
        method: 0,
      })),
    }),
  );
  add('dotdot-path', '部件名 ../../x（路径穿越）', book({ extra: [{ name: '../../x', data: Buffer.from('x') }] }));
  add(
    'absolute-path',
    '绝对路径部件名 /etc/cron.d/x',
    book({ extra: [{ name: '/etc/cron.d/x', data: Buffer.from('x') }] }),
  );
  add(
    'backslash-path',
    '反斜杠路径 xl\\..\\..\\x',
    book({ extra: [{ name: 'xl\\..\\..\\x', data: Buffer.from('x') }] }),
  );
  add('drive-path', '盘符路径 C:/x', book({ extra: [{ name: 'C:/x', data: Buffer.from('x') }] }));
  add(
    'duplicate-entry',
    '同名部件出现两次（两份不同的工作表）',
    book({
      extra: [
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml([HEADER, ['140404001296', '另一个村委会']])) },
      ],
    }),
  );
  add(
    'xlsm-vba',
    '含宏 vbaProject.bin（.xlsm）',
    book({ extra: [{ name: 'xl/vbaProject.bin', data: cfbHeader() }] }),
    'xlsm',
  );

  // Hostile XML
  add(
    'xxe',
    'DOCTYPE 外部实体（XXE）',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([HEADER, [PAYLOAD_CODE, { raw: '<c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c>' }]], {
            prolog: `${XML}<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
          }),
        },
      ],
    }),
  );
  {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`),
    ].join('');
    const sst = `${XML}<!DOCTYPE sst [${lol}]><sst xmlns="${NS}" count="2" uniqueCount="2"><si><t>区划代码</t></si><si><t>&lol9;</t></si></sst>`;
    add(
      'billion-laughs',
      'sharedStrings.xml 中的十亿笑声（实体嵌套展开）',
      book({
        sharedStrings: sst,
        sheets: [
          {
            name: '区划',
            xml: sheetXml([
              [{ raw: '<c r="A1" t="s"><v>0</v></c>' }, '名称'],
              [PAYLOAD_CODE, { raw: '<c r="B2" t="s"><v>1</v></c>' }],
            ]),
          },
        ],
      }),
    );
    const late = `${XML}<!--${' '.repeat(6000)}--><!DOCTYPE sst [${lol}]><sst xmlns="${NS}" count="2" uniqueCount="2"><si><t>区划代码</t></si><si><t>&lol9;</t></si></sst>`;
    add(
      'late-doctype',
      'DOCTYPE 藏在 6,000 字节注释之后（绕过前 4 KB 检查）',
      book({
        sharedStrings: late,
        sheets: [
          {
            name: '区划',
            xml: sheetXml([
              [{ raw: '<c r="A1" t="s"><v>0</v></c>' }, '名称'],
              [PAYLOAD_CODE, { raw: '<c r="B2" t="s"><v>1</v></c>' }],
            ]),
          },
        ],
      }),
    );
  }
  {
    const xml = Buffer.from(sheetXml(VALID_ROWS));
    const at = xml.indexOf(Buffer.from(PAYLOAD_NAME));
    const bad = Buffer.concat([xml.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), xml.subarray(at)]);
    add(
      'invalid-utf8',
      '无效的 UTF-8 字节序列',
      zip(bookEntries().map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: bad } : e))),
    );
    const gbk = Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb4, 0xe5, 0xce, 0xaf, 0xbb, 0xe1]); // 测试村委会 in GBK
    const gbkXml = Buffer.concat([xml.subarray(0, at), gbk, xml.subarray(at + Buffer.byteLength(PAYLOAD_NAME))]);
    add(
      'gbk-as-utf8',
      'UTF-8 声明下的 GBK 字节（乱码名称）',
      zip(bookEntries().map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: gbkXml } : e))),
    );
  }
  add(
    'malformed-xml',
    '工作表 XML 不闭合',
    book({ sheets: [{ name: '区划', xml: sheetXml(VALID_ROWS).replace('</sheetData>', '') }] }),
  );
  add(
    'sst-count-mismatch',
    'sharedStrings 数量不符，单元格引用越界的共享字符串',
    book({
      sharedStrings: `${XML}<sst xmlns="${NS}" count="9" uniqueCount="9"><si><t>区划代码</t></si></sst>`,
      sheets: [
        {
          name: '区划',
          xml: sheetXml([
            [{ raw: '<c r="A1" t="s"><v>0</v></c>' }, '名称'],
            [PAYLOAD_CODE, { raw: '<c r="B2" t="s"><v>7</v></c>' }],
          ]),
        },
      ],
    }),
  );
  add(
    'styles-10mb',
    '10 MB 的 styles.xml（另有一个空名称）',
    book({
      sheets: [{ name: '区划', xml: sheetXml([HEADER, [PAYLOAD_CODE, '']]) }],
      extra: [
        {
          name: 'xl/styles.xml',
          data: Buffer.from(
            `${XML}<styleSheet xmlns="${NS}"><numFmts>${'<numFmt numFmtId="200" formatCode="0.00"/>'.repeat(250_000)}</numFmts></styleSheet>`,
          ),
        },
      ],
    }),
  );

  // Size limits
  {
    const rows = opts.rows ?? 1_048_576;
    const body = await deflateStream(() => manyRows(rows));
    add(
      '1048576-rows',
      `${rows.toLocaleString('en')} 行（流式生成，压缩后很小）`,
      zip(bookEntries().map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, deflated: body } : e))),
    );
  }
  add(
    'ref-beyond-xfd',
    '单元格引用超出 XFD 列',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([
            HEADER,
            [PAYLOAD_CODE, PAYLOAD_NAME, { raw: '<c r="XFE2" t="inlineStr"><is><t>x</t></is></c>' }],
          ]),
        },
      ],
    }),
  );
  add(
    'row-beyond-max',
    '行号超过 1,048,576',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml(VALID_ROWS).replace(
            '</sheetData>',
            '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>',
          ),
        },
      ],
    }),
  );
  add(
    'cell-40000-chars',
    '40,000 字的名称单元格',
    book({ sheets: [{ name: '区划', xml: sheetXml([HEADER, [PAYLOAD_CODE, '村'.repeat(40_000)]]) }] }),
  );
  add(
    'code-40000-chars',
    '40,000 位的代码单元格',
    book({ sheets: [{ name: '区划', xml: sheetXml([HEADER, ['1'.repeat(40_000), PAYLOAD_NAME]]) }] }),
  );

  // Header and content problems
  add(
    'missing-column',
    '缺少必填列“名称”',
    book({ sheets: [{ name: '区划', xml: sheetXml([['区划代码'], [PAYLOAD_CODE]]) }] }),
  );
  add(
    'proto-header',
    '表头为 __proto__',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([
            [...HEADER, '__proto__'],
            [PAYLOAD_CODE, PAYLOAD_NAME, 'x'],
          ]),
        },
      ],
    }),
  );
  add(
    'constructor-header',
    '表头为 constructor',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([
            [...HEADER, 'constructor'],
            [PAYLOAD_CODE, PAYLOAD_NAME, 'x'],
          ]),
        },
      ],
    }),
  );
  add(
    'duplicate-header',
    '重复的表头“区划代码”',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([
            [...HEADER, '区划代码'],
            [PAYLOAD_CODE, PAYLOAD_NAME, '140404001296'],
          ]),
        },
      ],
    }),
  );
  add(
    'merged-cells',
    '合并单元格覆盖数据行（第二行名称为空）',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([HEADER, [PAYLOAD_CODE, PAYLOAD_NAME], ['140404001296', null]], {
            tail: '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>',
          }),
        },
      ],
    }),
  );
  add(
    'hidden-sheet-only',
    '数据只在隐藏的工作表中（可见工作表为空）',
    book({
      sheets: [
        { name: '隐藏', xml: sheetXml(VALID_ROWS), state: 'hidden' },
        { name: '区划', xml: sheetXml([]) },
      ],
    }),
  );
  add(
    'data-in-second-sheet',
    '第一个工作表为空，数据在第二个工作表',
    book({
      sheets: [
        { name: '说明', xml: sheetXml([]) },
        { name: '区划', xml: sheetXml(VALID_ROWS) },
      ],
    }),
  );
  add('empty-workbook', '没有任何工作表的工作簿', book({ sheets: [] }));
  add('header-only', '只有表头，没有数据行', book({ sheets: [{ name: '区划', xml: sheetXml([HEADER]) }] }));
  add(
    'formula',
    '代码单元格是公式',
    book({
      sheets: [{ name: '区划', xml: sheetXml([HEADER, [{ f: '"140404"&"001297"', v: PAYLOAD_CODE }, PAYLOAD_NAME]]) }],
    }),
  );
  add(
    'shared-formula',
    '名称单元格是共享公式',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([
            HEADER,
            [
              PAYLOAD_CODE,
              {
                raw: `<c r="B2" t="str"><f t="shared" ref="B2:B2" si="0">"测试"&amp;"村委会"</f><v>${PAYLOAD_NAME}</v></c>`,
              },
            ],
          ]),
        },
      ],
    }),
  );
  add(
    'bidi-override',
    '名称含文字方向控制符 U+202E',
    book({ sheets: [{ name: '区划', xml: sheetXml([HEADER, [PAYLOAD_CODE, `测试\u202e会委村`]]) }] }),
  );
  add(
    'control-chars',
    '名称含控制字符',
    book({ sheets: [{ name: '区划', xml: sheetXml([HEADER, [PAYLOAD_CODE, `测试\u0007村委会`]]) }] }),
  );
  add(
    'out-of-scope',
    '代码不在上传者的管辖范围内（140403 潞州区）',
    book({ sheets: [{ name: '区划', xml: sheetXml([HEADER, ['140403001297', PAYLOAD_NAME]]) }] }),
  );
  add(
    'orphan-row',
    '上级区划不存在',
    book({ sheets: [{ name: '区划', xml: sheetXml([HEADER, ['140404555201', PAYLOAD_NAME]]) }] }),
  );
  add(
    'date-cell',
    '代码单元格是日期',
    book({
      sheets: [
        {
          name: '区划',
          xml: sheetXml([HEADER, [{ raw: '<c r="A2" t="d"><v>2024-01-01T00:00:00Z</v></c>' }, PAYLOAD_NAME]]),
        },
      ],
    }),
  );
  add(
    'error-cell',
    '代码单元格是错误值 #REF!',
    book({
      sheets: [{ name: '区划', xml: sheetXml([HEADER, [{ raw: '<c r="A2" t="e"><v>#REF!</v></c>' }, PAYLOAD_NAME]]) }],
    }),
  );
  add(
    'duplicate-codes',
    '同一代码出现两次',
    book({
      sheets: [{ name: '区划', xml: sheetXml([HEADER, [PAYLOAD_CODE, PAYLOAD_NAME], [PAYLOAD_CODE, '测试二村委会']]) }],
    }),
  );
  return cases;
}

// `npx tsx test/reliability/xlsx-corpus.ts <dir>`
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const dir = process.argv[2] ?? 'xlsx-corpus';
  void buildCorpus(dir).then((cases) => {
    for (const c of cases) process.stdout.write(`${path.basename(c.file)}\t${c.bytes}\t${c.about}\n`);
    process.stdout.write(`${cases.length} files in ${dir}\n`);
  });
}
