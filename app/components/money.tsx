import { formatFen, formatFenLarge, type Language } from "~/domain/money";

/** An exact amount: ¥1,234.56. */
export function Money({ fen }: { fen: number }) {
  return <span className="money">{formatFen(fen)}</span>;
}

/** A large sum for dashboards: 3000万元 / ¥30 million. */
export function MoneyLarge({ fen, language }: { fen: number; language: Language }) {
  return <span className="money">{formatFenLarge(fen, language)}</span>;
}
