import { describe, expect, it } from "vitest";
import { deploymentProblems, isLoopback, isPublicDeployment } from "~/server/deployment";
import { absoluteUrl, parseEnv, publicOrigin } from "~/env.server";

const facts = {
  nodeEnv: "production",
  publicOrigin: "https://xiaofei.example.gov.cn",
  host: "0.0.0.0",
  publicDemo: false,
  devMailbox: false,
  demoAccounts: 0,
};

describe("boot checks", () => {
  it("a production server needs PUBLIC_ORIGIN", () => {
    expect(deploymentProblems({ ...facts, publicOrigin: undefined, host: "127.0.0.1" })).toEqual([
      expect.stringMatching(/^PUBLIC_ORIGIN is not set/),
    ]);
    expect(
      deploymentProblems({
        ...facts,
        nodeEnv: "development",
        publicOrigin: undefined,
        host: "127.0.0.1",
      }),
    ).toEqual([]);
  });

  it("a real deployment refuses the demo's accounts and the dev mailbox, naming the fix", () => {
    const problems = deploymentProblems({ ...facts, demoAccounts: 7, devMailbox: true });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/7 demo accounts/);
    expect(problems[0]).toMatch(/SEED_DEMO=false npm run db:seed/);
    expect(problems[0]).toMatch(/npm run admin:create/);
    expect(problems[0]).toMatch(/PUBLIC_DEMO=true/);
    expect(problems[1]).toMatch(/DEV_MAILBOX/);
    expect(deploymentProblems(facts)).toEqual([]);
  });

  it("binding a public address is a deployment too, even with a loopback origin", () => {
    const local = { ...facts, publicOrigin: "http://localhost:3000", demoAccounts: 6 };
    expect(deploymentProblems({ ...local, host: "127.0.0.1" })).toEqual([]);
    expect(deploymentProblems({ ...local, host: "0.0.0.0" })).toHaveLength(1);
    expect(isPublicDeployment({ publicOrigin: "http://127.0.0.1:3210", host: "::1" })).toBe(false);
  });

  it("an explicit public demo may run with the demo accounts and the mailbox", () => {
    expect(
      deploymentProblems({ ...facts, demoAccounts: 7, devMailbox: true, publicDemo: true }),
    ).toEqual([]);
  });

  it("knows loopback names", () => {
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "app.localhost"])
      expect(isLoopback(host)).toBe(true);
    for (const host of ["0.0.0.0", "10.0.0.5", "example.com", "localhost.example.com", "::"])
      expect(isLoopback(host)).toBe(false);
  });
});

describe("links come from PUBLIC_ORIGIN", () => {
  it("keeps the origin only and refuses a path", () => {
    expect(parseEnv({ PUBLIC_ORIGIN: "https://xf.example.cn" }).PUBLIC_ORIGIN).toBe(
      "https://xf.example.cn",
    );
    expect(parseEnv({ PUBLIC_ORIGIN: "https://xf.example.cn/" }).PUBLIC_ORIGIN).toBe(
      "https://xf.example.cn",
    );
    expect(() => parseEnv({ PUBLIC_ORIGIN: "https://xf.example.cn/app" })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => parseEnv({ PUBLIC_ORIGIN: "ftp://xf.example.cn" })).toThrow(/PUBLIC_ORIGIN/);
  });

  it("builds absolute links from it, and only for this site's paths", () => {
    const source = { PUBLIC_ORIGIN: "https://xf.example.cn", PORT: 3000 };
    expect(absoluteUrl("/reset-password?token=abc", source)).toBe(
      "https://xf.example.cn/reset-password?token=abc",
    );
    expect(publicOrigin({ PUBLIC_ORIGIN: undefined, PORT: 3100 })).toBe("http://localhost:3100");
    expect(() => absoluteUrl("//attacker.example/x", source)).toThrow();
    expect(() => absoluteUrl("https://attacker.example/x", source)).toThrow();
  });
});
