/**
 * Amounts in Chinese capital numerals (大写金额), as written on purchase orders,
 * delivery notes and bank forms so that a figure cannot be altered. The rules
 * are the People's Bank of China's (《支付结算办法》附件一《正确填写票据和结算凭证
 * 的基本规定》):
 *
 * - one 零 stands for a run of zeros between non-zero digits: ¥6,007.14 is
 *   陆仟零柒元壹角肆分; zeros at the end of a 万 or 亿 group are not written:
 *   ¥107,000.53 is 壹拾万柒仟元零伍角叁分;
 * - when the 元 digit is 0 and the 角 digit is not, 零 follows 元
 *   (壹仟陆佰捌拾元零叁角贰分), and when only the 角 digit is 0, 零 stands for it
 *   (壹万陆仟肆佰零玖元零贰分);
 * - an amount that ends at 元 is closed with 整; after 角 整 may be left out
 *   (and is), after 分 it is never written;
 * - 拾 always carries its digit: ¥10 is 壹拾元整, not 拾元整.
 */

const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] as const;
const PLACES = ["", "拾", "佰", "仟"] as const;
const WAN = 10_000;
const YI = 100_000_000;

function digit(n: number): string {
  return DIGITS[n] ?? "";
}

/** 1–9999 as 壹仟零壹 etc.; one 零 for each run of zeros before a non-zero digit. */
function group(n: number): string {
  let text = "";
  let zeroPending = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      zeroPending = text !== "";
      continue;
    }
    if (zeroPending) text += "零";
    zeroPending = false;
    text += digit(d) + PLACES[place];
  }
  return text;
}

/** A whole number of yuan (> 0) in capitals, without the unit. */
function whole(n: number): string {
  if (n >= YI) {
    const high = Math.floor(n / YI);
    const low = n % YI;
    if (low === 0) return `${whole(high)}亿`;
    // A gap below 千万 in the lower part is one 零: 壹亿零壹万, 壹亿零壹.
    return `${whole(high)}亿${low < YI / 10 ? "零" : ""}${whole(low)}`;
  }
  if (n >= WAN) {
    const high = Math.floor(n / WAN);
    const low = n % WAN;
    if (low === 0) return `${group(high)}万`;
    return `${group(high)}万${low < 1000 ? "零" : ""}${group(low)}`;
  }
  return group(n);
}

/**
 * Fen as a capital-numeral amount: 123456 → 壹仟贰佰叁拾肆元伍角陆分,
 * 100 → 壹元整, 0 → 零元整, 5 → 伍分. A negative amount (a refund) is
 * prefixed with 负. Throws a RangeError for anything but whole fen.
 */
export function fenToChineseCapital(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be whole fen, got ${fen}`);
  if (fen < 0) return `负${fenToChineseCapital(-fen)}`;
  if (fen === 0) return "零元整";
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let text = yuan > 0 ? `${whole(yuan)}元` : "";
  if (jiao === 0 && cents === 0) return `${text}整`;
  if (jiao > 0) {
    if (yuan > 0 && yuan % 10 === 0) text += "零";
    text += `${digit(jiao)}角`;
  } else if (yuan > 0) {
    text += "零";
  }
  if (cents > 0) text += `${digit(cents)}分`;
  return text;
}
