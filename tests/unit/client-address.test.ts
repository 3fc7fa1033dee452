import { describe, expect, it } from "vitest";
import { addressForLimits } from "~/domain/client-address";

describe("addressForLimits", () => {
  it("keeps an IPv4 address, and reads an IPv4-mapped IPv6 address as that IPv4 address", () => {
    expect(addressForLimits("203.0.113.7")).toBe("203.0.113.7");
    expect(addressForLimits("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressForLimits("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(addressForLimits("0:0:0:0:0:ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("counts every IPv6 address of one /64 as that /64, however it is written", () => {
    const prefix = "2001:db8:aa:1::/64";
    for (const address of [
      "2001:db8:aa:1::1",
      "2001:0db8:00aa:0001:ffff:ffff:ffff:ffff",
      "2001:DB8:AA:1:1234:5678:9abc:def0",
      "[2001:db8:aa:1::2]",
      "2001:db8:aa:1::1%eth0",
    ])
      expect(addressForLimits(address), address).toBe(prefix);
    expect(addressForLimits("2001:db8:aa:2::1")).toBe("2001:db8:aa:2::/64");
    expect(addressForLimits("::1")).toBe("0:0:0:0::/64");
    expect(addressForLimits("64:ff9b::203.0.113.7")).toBe("64:ff9b:0:0::/64");
  });

  it("keeps what is not an address as it came, so it still counts under its own name", () => {
    expect(addressForLimits("unknown")).toBe("unknown");
    expect(addressForLimits("1:2:3")).toBe("1:2:3");
    expect(addressForLimits("1::2::3")).toBe("1::2::3");
    expect(addressForLimits("300.1.1.1")).toBe("300.1.1.1");
  });
});
