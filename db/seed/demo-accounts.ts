/**
 * Demo organisations and accounts (fictional; all marked as demo). Every
 * account's password is "demo-password". Listed in the README.
 */
import { creditCodeCheckCharacter } from "../../app/domain/credit-code";
import type { OrganisationType, Role } from "../schema";

export const DEMO_PASSWORD = "demo-password";

export interface DemoOrganisation {
  key: string;
  side: "buyer" | "office";
  type: OrganisationType;
  nameZh: string;
  nameEn: string;
  /** 17 characters; the seed appends the GB 32100 check character. */
  creditCodeBody: string;
  jurisdictionCode: string | null;
  parentKey?: string;
  contactName: string;
  contactPhone: string;
  address: string;
  approvalThresholdFen?: number;
}

export const demoOrganisations: DemoOrganisation[] = [
  {
    key: "office",
    side: "office",
    type: "office",
    nameZh: "福州·定西扶贫协作前方指挥部（演示）",
    nameEn: "Fuzhou–Dingxi Cooperation Coordination Office (demo)",
    creditCodeBody: "11350100MB0D00001",
    jurisdictionCode: "350100",
    contactName: "林协调",
    contactPhone: "0591-87000001",
    address: "福州市鼓楼区示例路1号",
  },
  {
    key: "gulou-unit",
    side: "buyer",
    type: "budget_unit",
    nameZh: "福州市鼓楼区机关事务服务中心（演示）",
    nameEn: "Gulou District Government Services Centre (demo)",
    creditCodeBody: "12350102MB0D00002",
    jurisdictionCode: "350102",
    contactName: "陈采购",
    contactPhone: "0591-87000002",
    address: "福州市鼓楼区示例路2号",
    approvalThresholdFen: 50_000_00,
  },
  {
    key: "taijiang-unit",
    side: "buyer",
    type: "budget_unit",
    nameZh: "福州市台江区教育局（演示）",
    nameEn: "Taijiang District Education Bureau (demo)",
    creditCodeBody: "11350103MB0D00003",
    jurisdictionCode: "350103",
    contactName: "黄主任",
    contactPhone: "0591-87000003",
    address: "福州市台江区示例路3号",
  },
  {
    key: "taijiang-union",
    side: "buyer",
    type: "trade_union",
    nameZh: "福州市台江区教育局工会（演示）",
    nameEn: "Taijiang District Education Bureau Trade Union (demo)",
    creditCodeBody: "81350103MB0D00004",
    jurisdictionCode: "350103",
    parentKey: "taijiang-unit",
    contactName: "郑工会",
    contactPhone: "0591-87000004",
    address: "福州市台江区示例路3号",
  },
];

export interface DemoAccount {
  email: string;
  name: string;
  phone: string;
  /** An organisation key from demoOrganisations, or a seller key from demo-data.ts. */
  orgKey: string;
  role: Role;
}

export const demoAccounts: DemoAccount[] = [
  {
    email: "office@example.com",
    name: "林协调",
    phone: "13900000001",
    orgKey: "office",
    role: "office_admin",
  },
  // A second office person: outside sales need a checker other than their maker.
  {
    email: "verifier@example.com",
    name: "吴核实",
    phone: "13900000006",
    orgKey: "office",
    role: "office_staff",
  },
  {
    email: "unit@example.com",
    name: "陈采购",
    phone: "13900000002",
    orgKey: "gulou-unit",
    role: "purchaser",
  },
  {
    email: "approver@example.com",
    name: "王负责",
    phone: "13900000003",
    orgKey: "gulou-unit",
    role: "approver",
  },
  {
    email: "union@example.com",
    name: "郑工会",
    phone: "13900000004",
    orgKey: "taijiang-union",
    role: "approver",
  },
  {
    email: "coop@example.com",
    name: "包社长",
    phone: "13900000005",
    orgKey: "minxian-danggui",
    role: "seller_admin",
  },
  // A second seller, so a buyer's cart can hold two cooperatives' products end to end.
  {
    email: "potato@example.com",
    name: "马社长",
    phone: "13900000007",
    orgKey: "anding-potato",
    role: "seller_admin",
  },
];

export function demoCreditCode(body: string): string {
  return body + creditCodeCheckCharacter(body);
}
