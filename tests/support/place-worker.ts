/**
 * One process of the overselling race: opens the same SQLite file with its
 * own connection and places the carts of the buyers it is given, as fast as it
 * can, printing one JSON result per buyer.
 */
import { openDatabase } from "../../db/client";
import { placeOrders } from "../../app/models/orders.server";

const [file, startAt, ...pairs] = process.argv.slice(2);
const { db, sqlite } = openDatabase(file!, { migrate: false });
const buyers = pairs.map((pair) => pair.split(":").map(Number) as [number, number]);

// Start together: wait until the agreed instant.
while (Date.now() < Number(startAt)) {
  /* spin */
}
for (const [orgId, userId] of buyers) {
  const result = placeOrders(db, {
    buyerOrgId: orgId,
    userId,
    ip: "127.0.0.1",
    idempotencyKey: `race-${orgId}`,
    details: {
      deliveryAddress: "福州市",
      contactName: "测试",
      contactPhone: "0591-0000000",
      invoiceTitle: "测试单位",
      taxNumber: "123456789012345678",
      poReference: "",
      purpose: "canteen",
      paymentMethod: "bank_transfer",
    },
  });
  process.stdout.write(
    `${JSON.stringify({ orgId, ok: result.ok, reason: result.ok ? null : result.reason })}\n`,
  );
}
sqlite.close();
