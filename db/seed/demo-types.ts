/**
 * Shapes of the demo data. Everything described here is fictional demo content
 * (marked `isDemo` in the database and shown as such in the UI footer).
 */

/** Dingxi origin county division codes (GB/T 2260). */
export type CountyCode =
  | "621102" // 安定区
  | "621121" // 通渭县
  | "621122" // 陇西县
  | "621123" // 渭源县
  | "621124" // 临洮县
  | "621125" // 漳县
  | "621126"; // 岷县

export type CategorySlug =
  | "potato" // 马铃薯及制品
  | "herbs" // 中药材
  | "mushrooms" // 食用菌
  | "grains" // 小杂粮
  | "meat" // 畜禽肉
  | "vegetables" // 蔬菜
  | "honey" // 蜂产品
  | "condiments" // 调味品
  | "fruit"; // 果品 (e.g. 临洮百合 is vegetables; apples, walnuts here)

export type UnitCode = "kg" | "jin" | "box" | "bag" | "giftbox";

/** Which drawing the image generator makes for a product (see draw-images.ts). */
export type ImageKind =
  | "potato"
  | "noodles"
  | "starch"
  | "root" // 当归, 黄芪, 党参 and other roots
  | "mushroom"
  | "grain"
  | "meat"
  | "vegetable"
  | "lily"
  | "honey"
  | "salt"
  | "giftbox"
  | "fruit";

export interface DemoCooperative {
  /** Stable key used by products to name their seller, e.g. "minxian-danggui". */
  key: string;
  nameZh: string;
  nameEn: string;
  countyCode: CountyCode;
  /** Seller kind: a farmers' cooperative, an enterprise or a family farm. */
  sellerKind: "cooperative" | "enterprise" | "family_farm";
  /**
   * The first 17 characters of the unified social credit code (GB 32100-2015);
   * the seed computes and appends the check character. Characters allowed:
   * 0-9 and A-Z except I, O, Z, S, V. Positions: 1 registration authority
   * ("9" = market regulation), 2 organisation kind ("3" = farmers' cooperative,
   * "1" = enterprise, "2" = individual business for family farms), 3-8 the county
   * division code, 9-17 the organisation code.
   */
  creditCodeBody: string;
  contactName: string;
  contactPhone: string;
  addressZh: string;
  descriptionZh: string;
  descriptionEn: string;
  /** Declared poor people whose income its sales support (带贫人数). */
  peopleLifted: number;
  /** How it lifts people: wages, dividends on assets, or buying their produce. */
  mechanism: "wage" | "asset" | "business";
  foundedYear: number;
}

export interface DemoProduct {
  /** URL-safe stable key, also the image file name: public/images/demo/<slug>.webp */
  slug: string;
  sellerKey: string;
  countyCode: CountyCode;
  category: CategorySlug;
  unit: UnitCode;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  /** 规格, e.g. "5kg/箱" / "5 kg per box". */
  specZh: string;
  specEn: string;
  /** Shelf life in days (0 for fresh produce sold by season). */
  shelfLifeDays: number;
  storageZh: string;
  storageEn: string;
  /** GI or brand tags in Chinese, e.g. ["定西马铃薯"], ["岷县当归"]. */
  tags: string[];
  /** Price tiers: the first tier starts at the minimum order quantity. Quantities
   * strictly rise, unit prices (in fen) never rise. */
  tiers: { minQty: number; unitPriceFen: number }[];
  stock: number;
  /** Certification (扶贫产品认定) record. */
  certification: {
    authorityZh: string; // e.g. "岷县扶贫开发领导小组办公室"
    level: "county" | "city" | "province" | "national";
    number: string; // batch or catalogue number, e.g. "甘扶认〔2020〕第3批-0127"
    /** The seed dates certificates relative to the day it runs, so that demo
     * certifications are valid today: issued this many months before today. */
    issuedMonthsAgo: number;
    /** Months of validity from the issue date. */
    validMonths: number;
    /** 商品价值量 in fen. */
    valueFen: number;
    peopleLifted: number;
  };
  image: { kind: ImageKind; /** a CSS colour to vary the drawing */ hue: number };
  featured?: boolean;
  /**
   * Demo state, default "listed". "expired": the certificate ran out (issued
   * long ago, validity over) so the storefront must hide it; "pending": submitted,
   * waiting for the office's review.
   */
  state?: "listed" | "expired" | "pending";
}
