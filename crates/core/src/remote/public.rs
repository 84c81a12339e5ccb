//! Which addresses are on the public internet. Everything else is refused as a fetch target:
//! this machine, private and carrier-grade NAT networks, link-local (cloud metadata services
//! at 169.254.169.254), multicast, documentation and benchmark ranges, and the IPv6 forms
//! that carry an IPv4 address inside (mapped, compatible, NAT64, 6to4, Teredo), whose embedded
//! address could be any of those.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(v4: Ipv4Addr) -> bool {
    let [a, b, c, _] = v4.octets();
    !(v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_documentation()
        || v4.is_multicast()
        || a == 0
        // 100.64.0.0/10: carrier-grade NAT, often the provider's internal network.
        || (a == 100 && (64..128).contains(&b))
        // 192.0.0.0/24: IETF protocol assignments (includes NAT64 discovery).
        || (a == 192 && b == 0 && c == 0)
        // 198.18.0.0/15: benchmarking.
        || (a == 198 && (b == 18 || b == 19))
        // 240.0.0.0/4: reserved.
        || a >= 240)
}

fn is_public_v6(v6: Ipv6Addr) -> bool {
    let s = v6.segments();
    // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated; also covers :: and ::1) and
    // ::ffff:0:a.b.c.d (SIIT translated) all reach IPv4 hosts.
    let mapped_or_compatible = s[..5] == [0; 5] && (s[5] == 0xffff || s[5] == 0);
    let translated = s[..4] == [0; 4] && s[4] == 0xffff && s[5] == 0;
    if mapped_or_compatible || translated {
        return false;
    }
    !(v6.is_loopback()
        || v6.is_unspecified()
        || v6.is_multicast()
        // fc00::/7 unique-local, fe80::/10 link-local, fec0::/10 site-local (deprecated).
        || (s[0] & 0xfe00) == 0xfc00
        || (s[0] & 0xffc0) == 0xfe80
        || (s[0] & 0xffc0) == 0xfec0
        // 64:ff9b::/96 and 64:ff9b:1::/48: NAT64, translated to an IPv4 address by the network.
        || (s[0] == 0x64 && s[1] == 0xff9b)
        // 2002::/16: 6to4. 2001::/32: Teredo. 2001:db8::/32: documentation.
        || s[0] == 0x2002
        || (s[0] == 0x2001 && (s[1] == 0 || s[1] == 0xdb8))
        // 100::/64: discard-only.
        || (s[0] == 0x100 && s[1..4] == [0; 3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_ranges_are_refused() {
        for private in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "0.1.2.3",
            "192.0.0.170",
            "192.0.2.1",
            "198.18.0.1",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fd00::1",
            "fc00::1",
            "fe80::1",
            "fec0::1",
            "feff::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:8.8.8.8",
            "::127.0.0.1",
            "::10.0.0.1",
            "::ffff:0:a00:1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a00:1",
            "2002:7f00:1::1",
            "2002:0a00:0001::",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2001:db8::1",
            "100::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "8.8.8.8",
            "142.250.1.1",
            "100.128.0.1",
            "192.0.1.1",
            "2001:4860:4860::8888",
            "2606:4700::1111",
            "2a00:1450::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
