import { QRCode } from 'antd';
import type { CertificateCase, PrintData } from './certificates.api.js';
import { AlternativeBlock } from './AlternativeBlock.js';
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
          第 {data.copyNo} 份{data.reprint ? '（重印）' : ''}
        </span>
        <span data-testid="print-serial">编号：{data.serial}</span>
      </div>
      <div className="jf-a4-title">{data.title}</div>
      {data.paragraphs.map((p, i) => (
        <p key={i} className="jf-a4-p">
          {p}
        </p>
      ))}
      <div className="jf-a4-sign">
        <div>{data.villageName}（盖章）</div>
        <div>签发人：{data.signerName}</div>
        {data.signOff ? (
          <div>
            {data.signOff.title || '村民委员会主任'}：{data.signOff.name}（签字）
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
            核验码：<span data-testid="print-code">{data.verificationCode}</span>
          </div>
          <div>扫描二维码或访问 {url} 核验本证明的真伪和有效性。</div>
          <div>证明编号 {data.serial}；本证明仅用于所载用途，涂改无效。</div>
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
        <span data-testid="print-serial">编号：{c.number}</span>
      </div>
      <div className="jf-a4-title">{c.title}</div>
      <p className="jf-a4-line">申请人：{c.holderName ?? '——'}</p>
      <p className="jf-a4-line">申请事项：{c.requestText}</p>
      {c.purpose ? <p className="jf-a4-line">用途：{c.purpose}</p> : null}
      {c.demander ? <p className="jf-a4-line">要求出具单位：{c.demander}</p> : null}
      <div style={{ height: '4mm' }} />
      {c.kind === 'refusal' ? (
        <>
          <p className="jf-a4-p">{c.reason}</p>
          {c.item ? (
            <p className="jf-a4-p">
              依据：《{c.item.catalogTitle}》（{c.item.code}“{c.item.name}”）。
            </p>
          ) : null}
          {c.alternative ? (
            <>
              <p className="jf-a4-line" style={{ marginTop: '3mm' }}>
                <strong>您可以通过以下渠道办理：</strong>
              </p>
              <AlternativeBlock alternative={c.alternative} print />
            </>
          ) : null}
          <p className="jf-a4-p">特此告知。</p>
          <div className="jf-a4-sign">
            <div>{c.regionName}（盖章）</div>
            <div>经办人：{c.createdByName}</div>
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
              承诺人（签字）：
              <span className="jf-a4-blank" />
            </div>
            <div>
              日期：
              <span className="jf-a4-blank" />
            </div>
            <div style={{ marginTop: '6mm' }}>{c.regionName}（留存）</div>
            <div>{cnDate(c.createdOn)}</div>
          </div>
        </>
      )}
      <div className="jf-a4-spacer" />
      <div className="jf-a4-foot">
        <div className="jf-a4-foot-text">
          {c.kind === 'refusal'
            ? '根据民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号），村（居）民委员会不出具没有法律法规依据的证明。如有单位仍要求您提供本证明，可向乡镇（街道）或区民政局反映。'
            : '是否采用告知承诺由申请人自主选择；申请人也可以按原方式取得证明。'}
        </div>
      </div>
    </>
  );
}
