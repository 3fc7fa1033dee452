/**
 * The address the sign-in and rate limits count a client under. One host
 * must not look like many: an IPv4 address reached over IPv6 (`::ffff:1.2.3.4`)
 * is the IPv4 address, and an IPv6 address counts as its /64 prefix, since a
 * single host or home line is normally given a whole /64 and may pick any
 * address in it. No I/O.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

function ipv4Octets(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail), or null. */
function ipv6Groups(text: string): number[] | null {
  let groups = text;
  const tail: number[] = [];
  const lastColon = groups.lastIndexOf(":");
  if (groups.includes(".")) {
    const octets = ipv4Octets(groups.slice(lastColon + 1));
    if (!octets) return null;
    tail.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
    groups = groups.slice(0, lastColon + 1);
    if (groups.endsWith(":") && !groups.endsWith("::")) groups = groups.slice(0, -1);
  }
  const halves = groups.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...rest].every((g) => HEX_GROUP.test(g))) return null;
  const written = head.length + rest.length + tail.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return null;
  const zeros = Array.from({ length: 8 - written }, () => 0);
  return [
    ...head.map((g) => parseInt(g, 16)),
    ...zeros,
    ...rest.map((g) => parseInt(g, 16)),
    ...tail,
  ];
}

/**
 * `1.2.3.4` and `::ffff:1.2.3.4` → `1.2.3.4`; `2001:db8:1:2:a:b:c:d` →
 * `2001:db8:1:2::/64`. Anything that is not an address (e.g. "unknown") is
 * kept as it is, so it still counts, under its own name.
 */
export function addressForLimits(ip: string): string {
  let text = ip.trim().toLowerCase();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const v4 = ipv4Octets(text);
  if (v4) return v4.join(".");
  const groups = text.includes(":") ? ipv6Groups(text) : null;
  if (!groups) return ip.trim().slice(0, 64);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped)
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
