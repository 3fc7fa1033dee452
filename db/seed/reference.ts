/**
 * Reference data: real facts, keyed by official division codes (GB/T 2260).
 * Sources: DESIGN.md "Reference data" and 榕扶组〔2020〕3号 section (十九).
 */

export const originCountyRows = [
  {
    code: "621102",
    nameZh: "安定区",
    nameEn: "Anding District",
    summaryZh: "定西市政府驻地，马铃薯主产区，食用菌与高原夏菜基地。",
    summaryEn:
      "Seat of Dingxi's government; a main potato area with mushroom and highland vegetable bases.",
  },
  {
    code: "621121",
    nameZh: "通渭县",
    nameEn: "Tongwei County",
    summaryZh: "苦荞麦与小杂粮之乡，旱作农业特色鲜明。",
    summaryEn: "Home of tartary buckwheat and coarse grains, grown by dry farming.",
  },
  {
    code: "621122",
    nameZh: "陇西县",
    nameEn: "Longxi County",
    summaryZh: "“中国黄芪之乡”，全国重要的中药材集散地，陇西腊肉远近闻名。",
    summaryEn:
      "China's home of astragalus (huangqi), a national herb market, famed for cured pork.",
  },
  {
    code: "621123",
    nameZh: "渭源县",
    nameEn: "Weiyuan County",
    summaryZh: "渭河源头，渭源白条党参为国家地理标志产品。",
    summaryEn:
      "At the source of the Wei River; Weiyuan white codonopsis is a geographical indication.",
  },
  {
    code: "621124",
    nameZh: "临洮县",
    nameEn: "Lintao County",
    summaryZh: "洮河之畔，临洮百合与花卉、蔬菜种植闻名。",
    summaryEn: "On the Tao River, known for Lintao lily bulbs, flowers and vegetables.",
  },
  {
    code: "621125",
    nameZh: "漳县",
    nameEn: "Zhang County",
    summaryZh: "千年盐井出产漳县青盐，亦产中药材与山野菜。",
    summaryEn:
      "Its ancient salt wells give Zhangxian green salt; it also grows herbs and wild greens.",
  },
  {
    code: "621126",
    nameZh: "岷县",
    nameEn: "Min County",
    summaryZh: "“中国当归之乡”，岷县当归为国家地理标志产品。",
    summaryEn: "China's home of angelica (danggui); Minxian danggui is a geographical indication.",
  },
].map((row, i) => ({ ...row, sortOrder: i + 1 }));

import { MUNICIPAL_CODE } from "../../app/domain/ledger";

export { MUNICIPAL_CODE };

export const jurisdictionRows = (
  [
    ["350102", "鼓楼区", "Gulou District", "district"],
    ["350103", "台江区", "Taijiang District", "district"],
    ["350104", "仓山区", "Cangshan District", "district"],
    ["350105", "马尾区", "Mawei District", "district"],
    ["350111", "晋安区", "Jin'an District", "district"],
    ["350112", "长乐区", "Changle District", "district"],
    ["350121", "闽侯县", "Minhou County", "county"],
    ["350122", "连江县", "Lianjiang County", "county"],
    ["350123", "罗源县", "Luoyuan County", "county"],
    ["350124", "闽清县", "Minqing County", "county"],
    ["350125", "永泰县", "Yongtai County", "county"],
    ["350181", "福清市", "Fuqing City", "city"],
    ["350128", "平潭综合实验区", "Pingtan Comprehensive Pilot Zone", "zone"],
    [MUNICIPAL_CODE, "市直单位", "Municipal units", "municipal"],
  ] as const
).map(([code, nameZh, nameEn, kind], i) => ({ code, nameZh, nameEn, kind, sortOrder: i + 1 }));

/** Pairings reported in the press; 通渭 (621121) has no confirmed partner yet. */
export const pairingRows = [
  { jurisdictionCode: "350103", countyCode: "621102" }, // 台江–安定
  { jurisdictionCode: "350122", countyCode: "621122" }, // 连江–陇西
  { jurisdictionCode: "350111", countyCode: "621123" }, // 晋安–渭源
  { jurisdictionCode: "350104", countyCode: "621124" }, // 仓山–临洮
  { jurisdictionCode: "350112", countyCode: "621125" }, // 长乐–漳县
  { jurisdictionCode: "350102", countyCode: "621126" }, // 鼓楼–岷县
];

export const categoryRows = (
  [
    ["potato", "马铃薯及制品", "Potatoes and potato products"],
    ["herbs", "中药材", "Medicinal herbs"],
    ["mushrooms", "食用菌", "Edible mushrooms"],
    ["grains", "小杂粮", "Coarse grains"],
    ["meat", "畜禽肉", "Meat and poultry"],
    ["vegetables", "蔬菜", "Vegetables"],
    ["honey", "蜂产品", "Bee products"],
    ["condiments", "调味品", "Condiments"],
    ["fruit", "果品", "Fruit and nuts"],
  ] as const
).map(([slug, nameZh, nameEn], i) => ({ slug, nameZh, nameEn, sortOrder: i + 1 }));

export const unitRows = (
  [
    ["kg", "公斤", "kg"],
    ["jin", "斤", "jin (500 g)"],
    ["box", "箱", "box"],
    ["bag", "袋", "bag"],
    ["giftbox", "盒", "gift box"],
  ] as const
).map(([code, nameZh, nameEn], i) => ({ code, nameZh, nameEn, sortOrder: i + 1 }));

/** 2020's targets from 榕扶组〔2020〕3号 (十九): 2亿元, 3000万元 per 县（市）区, 3.2万人. */
export const TARGETS_2020 = {
  cityTargetFen: 200_000_000 * 100,
  jurisdictionTargetFen: 30_000_000 * 100,
  peopleTarget: 32_000,
  reservedShareBp: 1000,
};

/** The jurisdictions that carry their own target: every 县（市）区, not the zone or 市直. */
export const targetedJurisdictionCodes = jurisdictionRows
  .filter((row) => row.kind === "district" || row.kind === "county" || row.kind === "city")
  .map((row) => row.code);
