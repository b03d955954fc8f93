import { QRCode } from 'antd';
import type { CertificateCase, PrintData } from '../../../shared/certificates.js';
import { AlternativeBlock } from './AlternativeBlock.js';
import { zh } from '../../../shared/i18n.js';
import { cnDate } from './PrintSheet.js';

/*
 * The printed documents. Their wording stays Chinese in every UI language: they are official papers
 * of a Chinese village committee (the server composes the certificate's paragraphs in Chinese too).
 */

export const verifyUrl = (verifyPath: string) => `${window.location.origin}${verifyPath}`;

/** A certificate on A4: serial, title, the template's paragraphs, issuer and signer, date, QR code and verification code. */
export function CertificateSheet({ data }: { data: PrintData }) {
  const url = verifyUrl(data.verifyPath);
  return (
    <>
      <div className="jf-a4-head">
        <span>
          {zh('certificates.sheet.copy', { n: data.copyNo })}
          {data.reprint ? zh('certificates.sheet.reprint') : ''}
        </span>
        <span data-testid="print-serial">{zh('certificates.sheet.serial', { serial: data.serial })}</span>
      </div>
      <div className="jf-a4-title">{data.title}</div>
      {data.paragraphs.map((p, i) => (
        <p key={i} className="jf-a4-p">
          {p}
        </p>
      ))}
      <div className="jf-a4-sign">
        <div>{zh('certificates.sheet.seal', { village: data.villageName })}</div>
        <div>{zh('certificates.sheet.signer', { name: data.signerName })}</div>
        {data.signOff ? (
          <div>
            {zh('certificates.sheet.signOff', {
              title: data.signOff.title || zh('certificates.sheet.signOffTitle'),
              name: data.signOff.name,
            })}
          </div>
        ) : null}
        <div>{data.issuedOnText}</div>
      </div>
      <div className="jf-a4-spacer" />
      <div className="jf-a4-foot">
        <div className="jf-a4-qr">
          <QRCode
            value={url}
            aria-label={`核验二维码：${url}`}
            type="svg"
            size={98}
            bordered={false}
            bgColor="#ffffff"
            color="#000000"
            errorLevel="M"
            style={{ padding: 0 }}
          />
        </div>
        <div className="jf-a4-foot-text">
          <div>
            {zh('certificates.sheet.code')}
            <span data-testid="print-code">{data.verificationCode}</span>
          </div>
          <div>{zh('certificates.sheet.scan', { url })}</div>
          <div>{zh('certificates.sheet.footer', { serial: data.serial })}</div>
        </div>
      </div>
    </>
  );
}

/** A refusal slip (不予出具证明告知单) or a notify-and-promise form (证明事项告知承诺书) on A4. */
export function CaseSheet({ c }: { c: CertificateCase }) {
  return (
    <>
      <div className="jf-a4-head">
        <span>{c.regionName}</span>
        <span data-testid="print-serial">{zh('certificates.sheet.serial', { serial: c.number })}</span>
      </div>
      <div className="jf-a4-title">{zh(`certificates.caseKind.${c.kind}`)}</div>
      <p className="jf-a4-line">{zh('certificates.sheet.applicant', { name: c.holderName ?? '——' })}</p>
      <p className="jf-a4-line">{zh('certificates.sheet.request', { text: c.requestText })}</p>
      {c.purpose ? <p className="jf-a4-line">{zh('certificates.sheet.purpose', { text: c.purpose })}</p> : null}
      {c.demander ? <p className="jf-a4-line">{zh('certificates.sheet.demander', { text: c.demander })}</p> : null}
      <div style={{ height: '4mm' }} />
      {c.kind === 'refusal' ? (
        <>
          <p className="jf-a4-p">{c.reason}</p>
          {c.item ? (
            <p className="jf-a4-p">
              {zh('certificates.sheet.basis', { catalog: c.item.catalogTitle, code: c.item.code, name: c.item.name })}
            </p>
          ) : null}
          {c.alternative ? (
            <>
              <p className="jf-a4-line" style={{ marginTop: '3mm' }}>
                <strong>{zh('certificates.sheet.channels')}</strong>
              </p>
              <AlternativeBlock alternative={c.alternative} print />
            </>
          ) : null}
          <p className="jf-a4-p">{zh('certificates.sheet.notified')}</p>
          <div className="jf-a4-sign">
            <div>{zh('certificates.sheet.seal', { village: c.regionName })}</div>
            <div>{zh('certificates.sheet.handledBy', { name: c.createdByName })}</div>
            <div>{cnDate(c.createdOn)}</div>
          </div>
        </>
      ) : (
        <>
          {(c.promiseText ?? []).map((p, i) => (
            <p key={i} className="jf-a4-p">
              {p}
            </p>
          ))}
          <div className="jf-a4-sign">
            <div>
              {zh('certificates.sheet.promisor')}
              <span className="jf-a4-blank" />
            </div>
            <div>
              {zh('certificates.sheet.date')}
              <span className="jf-a4-blank" />
            </div>
            <div style={{ marginTop: '6mm' }}>{zh('certificates.sheet.kept', { village: c.regionName })}</div>
            <div>{cnDate(c.createdOn)}</div>
          </div>
        </>
      )}
      <div className="jf-a4-spacer" />
      <div className="jf-a4-foot">
        <div className="jf-a4-foot-text">
          {zh(c.kind === 'refusal' ? 'certificates.sheet.refusalNote' : 'certificates.sheet.promiseNote')}
        </div>
      </div>
    </>
  );
}
