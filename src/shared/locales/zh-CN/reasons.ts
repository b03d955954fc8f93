/** 系统建议的理由（`campaigns.reason.*`）：服务端只发键和参数（名称、依据等数据），网页和导出表格按语言取文。 */
export const reasons = {
  'campaigns.reason.signNotShort': '功能区入口只设简短标识（{max} 字以内），请精简为功能区名称',
  'campaigns.reason.signShort': '功能区入口的简短标识，符合指引',
  'campaigns.reason.signAllowedCatalog': '属于允许悬挂的牌子“{board}”（标识牌指引目录）',
  'campaigns.reason.signAllowedList': '属于允许悬挂的牌子“{board}”（区民政局配置的允许清单）',
  'campaigns.reason.signInsideOnly': '“{board}”应悬挂在村综合服务设施内的醒目位置，不在室外另挂',
  'campaigns.reason.signGuideDuplicate': '服务站只设一块服务功能综合指引牌，请与已有指引牌合并',
  'campaigns.reason.signServiceOrg': '综合服务组织标识悬挂在室内醒目位置，符合指引',
  'campaigns.reason.signGuide': '服务站设一块服务功能综合指引牌，符合指引',
  'campaigns.reason.signMergeInside': '不在允许清单内，请将内容并入“服务功能综合指引牌”，不再单独挂牌',
  'campaigns.reason.signMergeWithBasis':
    '不在允许在室外悬挂的牌子清单内；有依据（{basis}）的，并入室内“服务功能综合指引牌”',
  'campaigns.reason.signRemove': '不在允许悬挂的牌子清单内，且无依据，建议摘除',
  'campaigns.reason.signOverLimitVillage':
    '本村共 {count} 块牌子，超过上限 {max} 块（“村{maxVillage}社{maxCommunity}”，可配置），请并入“服务功能综合指引牌”',
  'campaigns.reason.signOverLimitCommunity':
    '本社区共 {count} 块牌子，超过上限 {max} 块（“村{maxVillage}社{maxCommunity}”，可配置），请并入“服务功能综合指引牌”',
  'campaigns.reason.level.law': '法律法规',
  'campaigns.reason.level.central': '中央文件',
  'campaigns.reason.why.none': '没有依据',
  'campaigns.reason.why.local': '只有省级以下文件依据',
  'campaigns.reason.statutoryFailing': '属于有法定依据的保留机制“{item}”，但{tests}，须整改使其发挥作用',
  'campaigns.reason.statutory': '属于有法定依据的保留机制“{item}”',
  'campaigns.reason.statutoryBasis': '属于有法定依据的保留机制“{item}”（{basis}）',
  'campaigns.reason.mechanismShifted': '有{level}依据，可以保留，但须由设立单位提供人员和经费，不得转嫁给村级组织',
  'campaigns.reason.mechanismFailing': '有{level}依据，但{tests}，须整改',
  'campaigns.reason.mechanismKeep': '有{level}依据，由设立单位提供人员和经费',
  'campaigns.reason.mechanismCancel': '{why}，且{tests}，属于应当取消的机制',
  'campaigns.reason.mechanismMerge':
    '{why}（只有党中央、国务院明确要求或法律法规规定的才可设立）；村级组织能够承担的，并入村民委员会下属委员会等现有组织，不设专门机制',
  'campaigns.reason.mechanismMergePost':
    '{why}（只有党中央、国务院明确要求或法律法规规定的才可设立）；村级组织能够承担的，并入村民委员会下属委员会等现有组织，不设专门机制和专岗',
  'campaigns.reason.prohibited': '属于减负措施禁止事项：“{item}”',
  'campaigns.reason.how.item': '“{item}”',
  'campaigns.reason.how.confirmed': '（经办人确认为{hit}）',
  'campaigns.reason.how.none': '',
  'campaigns.reason.duty': '属于履行职责事项{how}，由村级组织承担，部门给予指导',
  'campaigns.reason.assistanceUnfunded':
    '属于协助政务服务事项{how}，但没有经费保障：应“费随事转、权随责走”，由要求单位提供经费和工作条件',
  'campaigns.reason.assistance': '属于协助政务服务事项{how}，村级组织只做协助性工作，经费：{funding}',
  'campaigns.reason.approvedTask': '目录外专项任务，已经区政府批准（{approvalRef}）',
  'campaigns.reason.outsideCatalog':
    '目录外事项，未经区政府批准，不得以行政命令要求村级组织承担；确需村级协助的，由部门报区政府审批',
  'campaigns.reason.certificatePositive': '在村级组织出具证明事项清单内：“{item}”，依法及时出具',
  'campaigns.reason.certificateNegative': '在不应由村级组织出具的证明事项清单内：“{item}”，不再出具',
  'campaigns.reason.certificateNegativeAlternative':
    '在不应由村级组织出具的证明事项清单内：“{item}”，不再出具；办事群众可{alternative}',
  'campaigns.reason.certificateUnlistedBasis':
    '不在证明事项清单内；有依据（{basis}）的，须经集体研究并由村委会主任签字后出具，并报乡镇纳入清单调整',
  'campaigns.reason.certificateUnlisted':
    '不在证明事项清单内，又无法律法规依据，不应出具；确有依据的，请改判并写明依据',
  /** A reason stored before reasons were keyed: shown as it was written. */
  'campaigns.reason.text': '{text}',
  'campaigns.reason.prohibitedRules': '属于减负措施禁止事项：{rules}',
  'campaigns.reason.prohibitedRule': '《{catalog}》{code}“{item}”（触发词“{words}”）',
  'campaigns.reason.completeness.missing': '未导入',
  'campaigns.reason.completeness.partial': '部分',
  'campaigns.reason.completeness.complete': '完整',
  'campaigns.reason.verifyWorkAffair':
    '待核实（目录未完整）：本村适用的履行职责事项目录（{duty}）和协助政务服务事项目录（{assistance}）尚未完整，现有目录中没有对应事项，不能断定为目录外事项；区民政局导入正式目录后重新判断，核实前不建议取消',
  'campaigns.reason.verifyCertificate':
    '待核实（目录未完整）：本村适用的证明事项清单尚未完整，现有清单中没有该证明；核实前不建议取消',
} as const;
