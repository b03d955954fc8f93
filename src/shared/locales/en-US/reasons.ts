import type { reasons as zh } from '../zh-CN/reasons.js';

/** English (second language): the reasons of the system's suggestions. */
export const reasons: Record<keyof typeof zh, string> = {
  'campaigns.reason.signNotShort':
    'A functional area’s entrance carries only a short sign ({max} characters at most): shorten it to the area’s name',
  'campaigns.reason.signShort': 'A short sign at a functional area’s entrance, as the guide allows',
  'campaigns.reason.signAllowedCatalog': 'An allowed sign, “{board}” (sign guide catalog)',
  'campaigns.reason.signAllowedList': 'An allowed sign, “{board}” (the district civil affairs bureau’s list)',
  'campaigns.reason.signInsideOnly':
    '“{board}” hangs in a prominent place inside the village service centre, not again outside',
  'campaigns.reason.signGuideDuplicate':
    'A service centre has one combined service guide board: merge this one into the existing board',
  'campaigns.reason.signServiceOrg': 'The service organisation sign hangs prominently inside, as the guide allows',
  'campaigns.reason.signGuide': 'The service centre has one combined service guide board, as the guide allows',
  'campaigns.reason.signMergeInside':
    'Not on the list of allowed signs: merge its content into the combined service guide board instead of a sign of its own',
  'campaigns.reason.signMergeWithBasis':
    'Not on the list of signs allowed outside; with a basis ({basis}) it goes into the combined service guide board inside',
  'campaigns.reason.signRemove': 'Not on the list of allowed signs and without a basis: take it down',
  'campaigns.reason.signOverLimitVillage':
    'The village has {count} signs, over the limit of {max} (village {maxVillage}, community {maxCommunity}; configurable): merge into the combined service guide board',
  'campaigns.reason.signOverLimitCommunity':
    'The community has {count} signs, over the limit of {max} (village {maxVillage}, community {maxCommunity}; configurable): merge into the combined service guide board',
  'campaigns.reason.level.law': 'a law or regulation',
  'campaigns.reason.level.central': 'a central document',
  'campaigns.reason.why.none': 'No basis',
  'campaigns.reason.why.local': 'Only a basis below the province',
  'campaigns.reason.statutoryFailing':
    'A statutory mechanism kept by law, “{item}”, but {tests}: to be rectified so that it works',
  'campaigns.reason.statutory': 'A statutory mechanism kept by law, “{item}”',
  'campaigns.reason.statutoryBasis': 'A statutory mechanism kept by law, “{item}” ({basis})',
  'campaigns.reason.mechanismShifted':
    'Based on {level}, it may stay, but the body that set it up provides its staff and funds, never the village',
  'campaigns.reason.mechanismFailing': 'Based on {level}, but {tests}: to be rectified',
  'campaigns.reason.mechanismKeep': 'Based on {level}; the body that set it up provides its staff and funds',
  'campaigns.reason.mechanismCancel': '{why}, and {tests}: a mechanism to abolish',
  'campaigns.reason.mechanismMerge':
    '{why} (only the Party Central Committee, the State Council or a law may require one); what the village can carry joins an existing body such as a committee of the villagers’ committee, without a mechanism of its own',
  'campaigns.reason.mechanismMergePost':
    '{why} (only the Party Central Committee, the State Council or a law may require one); what the village can carry joins an existing body such as a committee of the villagers’ committee, without a mechanism or post of its own',
  'campaigns.reason.prohibited': 'A prohibited burden: “{item}”',
  'campaigns.reason.how.item': ' “{item}”',
  'campaigns.reason.how.confirmed': ' (confirmed by the clerk as {hit})',
  'campaigns.reason.how.none': '',
  'campaigns.reason.duty': 'A duty{how}: the village carries it, the department guides',
  'campaigns.reason.assistanceUnfunded':
    'Assistance to government services{how}, but unfunded: the requesting body provides the funds and means with the work',
  'campaigns.reason.assistance': 'Assistance to government services{how}: the village only assists; funding: {funding}',
  'campaigns.reason.approvedTask': 'A task outside the catalogs, approved by the district government ({approvalRef})',
  'campaigns.reason.outsideCatalog':
    'Outside the catalogs and not approved by the district government: no administrative order may put it on the village; a department that needs the village’s help asks the district government first',
  'campaigns.reason.certificatePositive': 'On the list of certificates the village issues: “{item}”; issue it promptly',
  'campaigns.reason.certificateNegative':
    'On the list of certificates the village must not issue: “{item}”; no longer issued',
  'campaigns.reason.certificateNegativeAlternative':
    'On the list of certificates the village must not issue: “{item}”; no longer issued. Applicants can {alternative}',
  'campaigns.reason.certificateUnlistedBasis':
    'Not on the certificate list; with a basis ({basis}) it is issued after a collective decision and signed by the committee director, and reported to the township for the list',
  'campaigns.reason.certificateUnlisted':
    'Not on the certificate list and without a basis in law: not to be issued; if there is a basis, override and name it',
  'campaigns.reason.text': '{text}',
  'campaigns.reason.prohibitedRules': 'A prohibited burden: {rules}',
  'campaigns.reason.prohibitedRule': '{code} “{item}” in “{catalog}” (triggered by “{words}”)',
  'campaigns.reason.completeness.missing': 'not imported',
  'campaigns.reason.completeness.partial': 'partial',
  'campaigns.reason.completeness.complete': 'complete',
  'campaigns.reason.verifyWorkAffair':
    'To verify (catalog incomplete): the duty catalog ({duty}) and the assistance catalog ({assistance}) that apply to this village are not complete and hold no matching item, so this cannot be called out-of-catalog work; it is judged again once the district imports the official catalogs. Do not cancel before it is verified',
  'campaigns.reason.verifyCertificate':
    'To verify (catalog incomplete): the certificate lists that apply to this village are not complete and do not hold this certificate. Do not cancel before it is verified',
};
