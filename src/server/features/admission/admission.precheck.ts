/**
 * The automatic pre-check (预审) of an admission request: the one judge (catalogs/judge.ts) says what the
 * request is, this module turns that and the request's own facts (basis levels, funding, staffing) into
 * an outcome with findings. Pure: no database, no clock.
 *
 * Rules (the worst outcome wins: refused > returned > unverified > needs_government > admissible):
 * - any prohibition rule that fires → refused, whatever basis is cited (the finding names the item, its
 *   document and the words that triggered it);
 * - a certificate on the negative list → refused (S-6.2); an unlisted certificate without a statutory
 *   basis → refused (S-6.2); a positive-list certificate → admissible as catalogued;
 * - mechanisms and posts (recognised from the text or the box): the village's own statutory organ →
 *   admissible as catalogued, no outside money needed; any other without a central or statutory basis →
 *   refused; with one but without the requester's people and money → returned (S-6.3);
 * - boards against the district's sign guide (S-6.1): allowed → admissible; a board that belongs inside
 *   but is asked outside, or a long functional-area sign → returned; anything else → refused;
 * - a duty item → admissible; an assistance item → admissible, unfunded → returned (S-6.4 费随事转);
 * - no basis at all → returned, saying exactly what to add;
 * - nothing in the effective catalogs → needs the district government's approval (S-7.3), or unverified
 *   (待核实（目录未完整）) when a catalog kind the answer rests on is partial or missing.
 */ import type { CatalogKind } from '../../../shared/catalogs.js';
import {
  boardOf,
  judge,
  refOf as ref,
  type CatalogView,
  type ItemRef,
  type Judgement,
  type Verdict,
} from '../catalogs/judge.js';
import { STATUTORY_LEVELS, type PrecheckOutcome, type RequestContent } from './admission.schemas.js';
import { SHORT_SIGN } from '../catalogs/judge.recognize.js';
import {
  cited,
  citing,
  clause,
  documentOf,
  measure,
  missingList,
  none,
  OUTCOME_SEVERITY,
  say,
  texts,
  type Finding,
  type Missing,
  type PrecheckResult,
} from './admission.findings.js';

export * from './admission.findings.js';
export type { ItemRef };

/** A catalog item named in a message: its catalog, code and name. */
const named = (it: ItemRef) => ({ catalog: it.catalogTitle, code: it.code, item: it.name });

/** The judge's input from a request. */
export function judgeInputOf(content: RequestContent) {
  return {
    subject: content.kind,
    title: content.title,
    description: content.description,
    forms: content.forms,
    dedicatedPost: content.dedicatedPost,
    basisText: content.basis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`).join('；'),
  };
}

/** What a mechanism request asks villages to set up (the words recognised, the dedicated-post box). */
function whatOf(j: Judgement, content: RequestContent) {
  const words = j.mechanism.words.join('、');
  if (words) return say(content.dedicatedPost ? 'what.wordsPost' : 'what.words', { words });
  return say(content.dedicatedPost ? 'what.post' : 'what.mechanism');
}

/** Why a request is 待核实 (目录未完整): the catalog kinds its answer rests on that are incomplete. */
function unverifiedMessage(j: Judgement, content: RequestContent, kinds: CatalogKind[], view: CatalogView) {
  if (kinds.includes('mechanism')) return say('unverifiedMechanism', { what: whatOf(j, content) });
  if (kinds.includes('certificate')) return say('unverifiedCertificate');
  const lists = kinds.flatMap((k) => {
    const c = view.completeness(k);
    return c === 'complete' ? [] : [{ key: `admission.finding.incomplete.${k}.${c}` }];
  });
  return say('unverifiedWork', { lists });
}

export function precheck(content: RequestContent, view: CatalogView): PrecheckResult {
  const j: Judgement = judge(view, judgeInputOf(content));
  const findings: Finding[] = [];
  const statutory = content.basis.filter((b) => STATUTORY_LEVELS.includes(b.level));
  const basisText = judgeInputOf(content).basisText;
  let catalogued = false;
  let outOfCatalog = false;
  let verdict: Verdict = j.verdict;

  // 1. Prohibitions: refused whatever the basis; one finding per item that fired.
  for (const f of j.findings) {
    const words = [...new Set(f.triggers.flatMap((t) => t.words))];
    findings.push({
      rule: 'prohibition',
      outcome: 'refused',
      clause: { id: f.item.code },
      item: f.item,
      score: null,
      document: documentOf(f.item),
      triggers: f.triggers,
      message: say('prohibition', {
        catalog: f.item.catalogTitle,
        code: f.item.code,
        item: f.item.name,
        words: texts(words),
      }),
    });
  }

  // A claimed catalog item (the department's own pick) stands in for a work match when it is in force here.
  const claimed = content.catalogItemCode ? view.item(content.catalogItemCode) : null;
  if (content.catalogItemCode && !claimed)
    findings.push({
      rule: 'claimed_item_missing',
      outcome: 'admissible',
      clause: clause('S-7.2'),
      item: null,
      score: null,
      message: say('claimedItemMissing', { code: content.catalogItemCode }),
    });
  const workClaim =
    !j.findings.length &&
    claimed &&
    !claimed.catchAll &&
    (claimed.kind === 'duty' || claimed.kind === 'assistance') &&
    ['duty', 'assistance', 'not_in_catalog', 'unverifiable'].includes(j.verdict)
      ? claimed
      : null;
  const workItem = workClaim
    ? { item: ref(workClaim), score: null as number | null }
    : j.item && (j.verdict === 'duty' || j.verdict === 'assistance')
      ? { item: j.item, score: j.score }
      : null;
  if (workClaim) verdict = workClaim.kind === 'duty' ? 'duty' : 'assistance';

  if (!j.findings.length) {
    switch (verdict) {
      case 'negative_certificate':
        findings.push({
          rule: 'negative_certificate',
          outcome: 'refused',
          clause: clause('S-6.2'),
          item: j.item,
          score: j.score,
          document: j.item ? documentOf(j.item) : null,
          message: say('negativeCertificate', named(j.item!)),
        });
        break;
      case 'positive_certificate':
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.2'),
          item: j.item,
          score: j.score,
          document: j.item ? documentOf(j.item) : null,
          message: say('positiveCertificate', named(j.item!)),
        });
        break;
      case 'statutory_mechanism':
        catalogued = true;
        findings.push({
          rule: 'statutory_mechanism',
          outcome: 'admissible',
          clause: clause('S-6.3'),
          item: j.item,
          score: null,
          document: j.item ? documentOf(j.item) : null,
          message: say('statutoryMechanism', {
            ...named(j.item!),
            basis: j.item!.basis ? say('parens', { text: j.item!.basis }) : none,
          }),
        });
        break;
      case 'mechanism': {
        const what = whatOf(j, content);
        if (statutory.length === 0) {
          const m = measure(view, 'mechanism_no_basis');
          findings.push({
            rule: 'mechanism_no_statutory_basis',
            outcome: 'refused',
            clause: clause('S-6.3'),
            ...cited(m),
            message: say('mechanismNoBasis', {
              what,
              attached: basisText ? say('attachedBasis', { basis: basisText }) : none,
              citing: citing(m),
            }),
          });
        } else if (!content.funding.provided || !content.staffing.provided) {
          const missing: Missing[] = [];
          if (!content.funding.provided) missing.push('funding');
          if (!content.staffing.provided) missing.push('staffing');
          const m = measure(view, 'mechanism_unfunded');
          findings.push({
            rule: 'mechanism_unfunded',
            outcome: 'returned',
            clause: clause('S-6.3'),
            ...cited(m),
            missing,
            message: say('mechanismUnfunded', { what, missing: missingList(missing), citing: citing(m) }),
          });
        } else outOfCatalog = true;
        break;
      }
      case 'allowed_sign': {
        catalogued = true;
        const allowed = boardOf(j.sign!.board, view.signGuide.allowedBoards);
        findings.push({
          rule: 'sign_allowed',
          outcome: 'admissible',
          clause: clause('S-6.1'),
          item: j.item,
          score: j.score,
          message: allowed
            ? say('signAllowedGuide', { board: allowed.name })
            : say('signAllowedCatalog', { board: j.item?.name ?? j.sign!.board }),
        });
        break;
      }
      case 'inside_sign': {
        const s = j.sign!;
        if (s.position === 'outside') {
          findings.push({
            rule: 'sign_placement',
            outcome: 'returned',
            clause: clause('S-6.1'),
            item: null,
            score: null,
            missing: ['placement'],
            message: say('signPlacement', { board: s.rule ?? s.board, missing: missingList(['placement']) }),
          });
        } else if (s.position === 'functional_area' && !s.short) {
          findings.push({
            rule: 'sign_not_short',
            outcome: 'returned',
            clause: clause('S-6.1'),
            item: null,
            score: null,
            missing: ['shorter_name'],
            message: say('signNotShort', {
              board: s.board,
              max: SHORT_SIGN,
              missing: missingList(['shorter_name']),
            }),
          });
        } else {
          catalogued = true;
          findings.push({
            rule: 'sign_allowed',
            outcome: 'admissible',
            clause: clause('S-6.1'),
            item: null,
            score: null,
            message:
              s.position === 'functional_area' ? say('signShort') : say('signInside', { board: s.rule ?? s.board }),
          });
        }
        break;
      }
      case 'sign_not_allowed': {
        const m = measure(view, 'sign_not_allowed');
        findings.push({
          rule: 'sign_not_allowed',
          outcome: 'refused',
          clause: clause('S-6.1'),
          ...cited(m),
          message: say('signNotAllowed', {
            board: j.sign!.board,
            allowed: texts(view.signGuide.allowedBoards.map((b) => b.name)),
            citing: citing(m),
          }),
        });
        break;
      }
      case 'duty':
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.4'),
          item: workItem!.item,
          score: workItem!.score,
          document: documentOf(workItem!.item),
          message: say('duty', { ...named(workItem!.item), claimed: workClaim ? say('claimed') : none }),
        });
        break;
      case 'assistance':
        catalogued = true;
        findings.push({
          rule: 'catalogued',
          outcome: 'admissible',
          clause: clause('S-6.4'),
          item: workItem!.item,
          score: workItem!.score,
          document: documentOf(workItem!.item),
          message: say('assistance', { ...named(workItem!.item), claimed: workClaim ? say('claimed') : none }),
        });
        if (!content.funding.provided)
          findings.push({
            rule: 'assistance_unfunded',
            outcome: 'returned',
            clause: clause('S-6.4'),
            item: workItem!.item,
            score: null,
            missing: ['funding'],
            message: say('assistanceUnfunded', { missing: missingList(['funding']) }),
          });
        break;
      case 'not_in_catalog':
      case 'unverifiable':
        if (content.kind === 'certificate' && statutory.length === 0)
          findings.push({
            rule: 'certificate_no_basis',
            outcome: 'refused',
            clause: clause('S-6.2'),
            item: null,
            score: null,
            message: say('certificateNoBasis'),
          });
        else outOfCatalog = true;
        break;
      default:
        outOfCatalog = true;
    }
  }

  const refused = findings.some((f) => f.outcome === 'refused');
  if (content.basis.length === 0 && !refused) {
    findings.push({
      rule: 'no_basis',
      outcome: 'returned',
      clause: clause('BASIS'),
      item: null,
      score: null,
      missing: ['basis'],
      message: say('noBasis', { missing: missingList(['basis']) }),
    });
  }

  let needsGovernment = false;
  if (outOfCatalog && !refused) {
    const kinds: CatalogKind[] =
      verdict === 'mechanism'
        ? ['mechanism']
        : content.kind === 'certificate'
          ? ['certificate', 'negative_certificate']
          : ['duty', 'assistance'];
    const incomplete = kinds.filter((k) => view.completeness(k) !== 'complete');
    if (incomplete.length) {
      findings.push({
        rule: 'unverified',
        outcome: 'unverified',
        clause: clause('S-7.3'),
        item: null,
        score: null,
        message: unverifiedMessage(j, content, kinds, view),
      });
    } else {
      needsGovernment = true;
      findings.push({
        rule: 'out_of_catalog',
        outcome: 'needs_government',
        clause: clause('S-7.3'),
        item: null,
        score: null,
        message: say('outOfCatalog'),
      });
    }
  }

  const outcome = findings.reduce<PrecheckOutcome>(
    (w, f) => (OUTCOME_SEVERITY[f.outcome] > OUTCOME_SEVERITY[w] ? f.outcome : w),
    'admissible',
  );
  return {
    outcome,
    catalogued,
    needsGovernment,
    findings,
    catalogVersionId: view.versionId,
    checkedOn: view.date,
    verdict,
    completeness: j.completeness,
  };
}
