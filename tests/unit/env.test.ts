import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

describe("environment", () => {
  it("has working defaults", () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, DATABASE_PATH: "data/app.db" });
  });
  it("names each bad variable", () => {
    expect(() => parseEnv({ PORT: "eighty", STRIPE_SECRET_KEY: "pk_live_x" })).toThrow(
      /PORT:.*\n.*STRIPE_SECRET_KEY:/s,
    );
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
