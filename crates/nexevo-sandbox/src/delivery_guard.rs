//! Where an alert may be sent. An `https://` webhook reaches public addresses only: its host may
//! not be an address of the ranges below (however it is written: `2130706433`, `0x7f.1`,
//! `[::ffff:127.0.0.1]`), nor a local name (`localhost`, `*.localhost`, `*.local`,
//! `*.internal`, `*.arpa`, a name without a dot), nor carry a user name or password; and every
//! address its name resolves to must be public too, checked again at each attempt (DNS can
//! change between two: rebinding). The sandbox's test mode, `http://127.0.0.1[:PORT]` and
//! `http://localhost[:PORT]`, reaches loopback only. A leaf of the module graph.
//!
//! The ranges are IANA's special-purpose registries (RFC 6890 and its updates), metadata
//! endpoints of cloud providers, and for IPv6 everything outside global unicast (`2000::/3`).
//! IPv4-mapped (`::ffff:0:0/96`) and NAT64 (`64:ff9b::/96`) addresses are judged by the IPv4
//! address they carry.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// IPv4 ranges an alert may not reach: network, prefix length, what it is.
const REFUSED_V4: [(Ipv4Addr, u8, &str); 17] = [
    (Ipv4Addr::new(0, 0, 0, 0), 8, "\"this network\""),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "private-use"),
    (
        Ipv4Addr::new(100, 64, 0, 0),
        10,
        "shared address space (carrier-grade NAT; a cloud metadata service)",
    ),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "loopback"),
    (
        Ipv4Addr::new(168, 63, 129, 16),
        32,
        "a cloud provider's host endpoint (Azure)",
    ),
    (
        Ipv4Addr::new(169, 254, 0, 0),
        16,
        "link-local, where cloud metadata services answer",
    ),
    (Ipv4Addr::new(172, 16, 0, 0), 12, "private-use"),
    (
        Ipv4Addr::new(192, 0, 0, 0),
        24,
        "IETF protocol assignments (a cloud metadata service)",
    ),
    (
        Ipv4Addr::new(192, 0, 2, 0),
        24,
        "documentation (TEST-NET-1)",
    ),
    (
        Ipv4Addr::new(192, 88, 99, 0),
        24,
        "6to4 relay anycast (deprecated)",
    ),
    (Ipv4Addr::new(192, 168, 0, 0), 16, "private-use"),
    (Ipv4Addr::new(198, 18, 0, 0), 15, "benchmarking"),
    (
        Ipv4Addr::new(198, 51, 100, 0),
        24,
        "documentation (TEST-NET-2)",
    ),
    (
        Ipv4Addr::new(203, 0, 113, 0),
        24,
        "documentation (TEST-NET-3)",
    ),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "multicast"),
    (
        Ipv4Addr::new(255, 255, 255, 255),
        32,
        "the limited broadcast",
    ),
    (Ipv4Addr::new(240, 0, 0, 0), 4, "reserved"),
];

/// IPv6 ranges an alert may not reach, beside everything outside `2000::/3`, in the order they
/// are tried (the narrower first where they overlap).
const REFUSED_V6: [(Ipv6Addr, u8, &str); 13] = [
    (Ipv6Addr::UNSPECIFIED, 128, "unspecified"),
    (Ipv6Addr::LOCALHOST, 128, "loopback"),
    (Ipv6Addr::UNSPECIFIED, 96, "IPv4-compatible (deprecated)"),
    (
        Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, 0, 0),
        48,
        "local-use NAT64",
    ),
    (
        Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0),
        64,
        "discard-only",
    ),
    (
        Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
        32,
        "documentation",
    ),
    (
        Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0),
        23,
        "IETF protocol assignments (Teredo, benchmarking, ORCHID)",
    ),
    (
        Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0),
        16,
        "6to4 (deprecated), which carries an IPv4 address",
    ),
    (
        Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0),
        20,
        "documentation",
    ),
    (
        Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0),
        7,
        "unique local (private; a cloud metadata service)",
    ),
    (Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "link-local"),
    (
        Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0),
        10,
        "site-local (deprecated)",
    ),
    (Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "multicast"),
];

/// The NAT64 well-known prefix (`64:ff9b::/96`): the last 32 bits are an IPv4 address.
const NAT64: Ipv6Addr = Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0);

/// Global unicast (`2000::/3`), the IPv6 space public hosts live in.
const GLOBAL_UNICAST: Ipv6Addr = Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0);

/// Local names: the name itself or any name under it.
const LOCAL_NAMES: [(&str, &str); 4] = [
    ("localhost", "loopback"),
    ("local", "a multicast DNS name, on the local network"),
    ("internal", "a private-use name"),
    ("arpa", "an infrastructure name"),
];

/// A webhook URL that passed every rule that holds whatever DNS says: what a delivery needs of
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Destination {
    /// `https://`; otherwise the loopback test mode.
    pub(crate) tls: bool,
    /// The host: a name (without a trailing dot) or an address.
    pub(crate) host: Host<String>,
    /// The port, explicit or the scheme's.
    pub(crate) port: u16,
    /// The `Host` header: the URL's host and its explicit port.
    pub(crate) authority: String,
    /// The path and query the request is for.
    pub(crate) target: String,
}

impl Destination {
    /// Why `address`, which the host resolved to, may not be dialled, if it may not.
    pub(crate) fn refuses(&self, address: IpAddr) -> Option<String> {
        if self.tls {
            refusal(address)
        } else if address.is_loopback() {
            None
        } else {
            Some(format!(
                "{address} is not loopback, and http:// is for a loopback receiver only"
            ))
        }
    }
}

/// Checks a webhook URL against every rule that holds whatever DNS says. The error is the
/// rule it breaks, worded to follow the field's name (`url must …`).
pub(crate) fn destination(text: &str) -> Result<Destination, String> {
    // URL parsers disagree on a backslash (`https://a.example\@10.0.0.1/`): refused, so every
    // reader of the URL sees the same host.
    if text.contains('\\') {
        return Err("must not contain a backslash".to_owned());
    }
    let url = Url::parse(text).map_err(|error| format!("must be a URL ({error})"))?;
    let raw_authority = text
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
        .unwrap_or_default();
    if raw_authority.contains('@') || !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password".to_owned());
    }
    let tls = match url.scheme() {
        "https" => true,
        "http" => false,
        _ => return Err("must be https://".to_owned()),
    };
    let host = match url.host() {
        Some(Host::Domain(name)) => {
            Host::Domain(name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase())
        }
        Some(Host::Ipv4(address)) => Host::Ipv4(address),
        Some(Host::Ipv6(address)) => Host::Ipv6(address),
        None => return Err("must name a host".to_owned()),
    };
    if tls {
        let refused = match &host {
            Host::Domain(name) => refused_name(name).map(|why| format!("{name} is {why}")),
            Host::Ipv4(address) => refusal(IpAddr::V4(*address)),
            Host::Ipv6(address) => refusal(IpAddr::V6(*address)),
        };
        if let Some(why) = refused {
            return Err(format!("must reach a public host: {why}"));
        }
    } else {
        let loopback = match &host {
            Host::Domain(name) => name == "localhost",
            Host::Ipv4(address) => *address == Ipv4Addr::LOCALHOST,
            Host::Ipv6(_) => false,
        };
        if !loopback {
            return Err(
                "must be https://; http:// is for a loopback receiver only (127.0.0.1, localhost)"
                    .to_owned(),
            );
        }
    }
    let port = url
        .port_or_known_default()
        .ok_or_else(|| "must have a port".to_owned())?;
    let host_text = url.host_str().unwrap_or_default();
    let authority = match url.port() {
        Some(port) => format!("{host_text}:{port}"),
        None => host_text.to_owned(),
    };
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    Ok(Destination {
        tls,
        host,
        port,
        authority,
        target,
    })
}

/// Why an `https://` alert may not go to `address` (`169.254.169.254 is link-local, …
/// (169.254.0.0/16)`), if it may not.
pub(crate) fn refusal(address: IpAddr) -> Option<String> {
    match address {
        IpAddr::V4(v4) => refused_v4(v4).map(|range| format!("{v4} is {range}")),
        IpAddr::V6(v6) => refusal_v6(v6),
    }
}

/// What `address` is and its range, if it is refused.
fn refused_v4(address: Ipv4Addr) -> Option<String> {
    REFUSED_V4
        .iter()
        .find(|(network, length, _)| within_v4(address, *network, *length))
        .map(|(network, length, what)| format!("{what} ({network}/{length})"))
}

fn refusal_v6(address: Ipv6Addr) -> Option<String> {
    if let Some(v4) = address.to_ipv4_mapped() {
        return refused_v4(v4).map(|range| format!("{address} is IPv4-mapped {v4}, {range}"));
    }
    if within_v6(address, NAT64, 96) {
        let [.., a, b, c, d] = address.octets();
        let v4 = Ipv4Addr::new(a, b, c, d);
        return refused_v4(v4).map(|range| format!("{address} is NAT64 of {v4}, {range}"));
    }
    if let Some((network, length, what)) = REFUSED_V6
        .iter()
        .find(|(network, length, _)| within_v6(address, *network, *length))
    {
        return Some(format!("{address} is {what} ({network}/{length})"));
    }
    if !within_v6(address, GLOBAL_UNICAST, 3) {
        return Some(format!(
            "{address} is not global unicast (outside {GLOBAL_UNICAST}/3)"
        ));
    }
    None
}

/// What a host name is, if it is a local one.
fn refused_name(name: &str) -> Option<&'static str> {
    let top = name.rsplit('.').next().unwrap_or(name);
    let local = LOCAL_NAMES.iter().find(|(local, _)| top == *local);
    match local {
        Some((_, what)) => Some(what),
        None if !name.contains('.') => {
            Some("a name without a dot, which only a local resolver answers")
        }
        None => None,
    }
}

fn within_v4(address: Ipv4Addr, network: Ipv4Addr, length: u8) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(length)).unwrap_or(0);
    u32::from(address) & mask == u32::from(network) & mask
}

fn within_v6(address: Ipv6Addr, network: Ipv6Addr, length: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(length)).unwrap_or(0);
    u128::from(address) & mask == u128::from(network) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> bool {
        destination(text).is_err()
    }

    #[test]
    fn every_spelling_of_an_internal_address_is_refused() {
        for url in [
            "https://127.0.0.1/",
            "https://2130706433/",
            "https://0x7f.1/",
            "https://0177.0.0.1/",
            "https://127.1/",
            "https://127.0.0.1./",
            "https://169.254.169.254/latest/meta-data/",
            "https://[::1]/",
            "https://[::]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:a9fe:a9fe]/",
            "https://[::127.0.0.1]/",
            "https://[64:ff9b::10.0.0.1]/",
            "https://[fd00:ec2::254]/",
            "https://[fe80::1]/",
            "https://[2001:db8::1]/",
            "https://10.1.2.3/",
            "https://172.31.255.255/",
            "https://192.168.0.1/",
            "https://100.100.100.200/",
            "https://192.0.0.192/",
            "https://168.63.129.16/",
            "https://0.0.0.0/",
            "https://255.255.255.255/",
            "https://224.0.0.1/",
            "https://%31%32%37.0.0.1/",
            "https://localhost/",
            "https://localhost./",
            "https://LOCALHOST/",
            "https://app.localhost/",
            "https://printer.local/",
            "https://metadata.google.internal/",
            "https://1.0.0.127.in-addr.arpa/",
            "https://intranet/",
            "https://user:pass@hooks.example.com/",
            "https://hooks.example.com@127.0.0.1/",
            "https://@hooks.example.com/",
            "https://hooks.example.com\\@127.0.0.1/",
            "http://hooks.example.com/",
            "http://10.0.0.1/",
            "http://[::1]/",
            "ftp://hooks.example.com/",
        ] {
            assert!(refused(url), "{url} was let through");
        }
    }

    #[test]
    fn public_hosts_and_the_loopback_test_mode_are_allowed() {
        for url in [
            "https://hooks.example.com/billing?x=1",
            "https://hooks.example.com./",
            "https://93.184.215.14:8443/",
            "https://[2606:4700:4700::1111]/",
            "https://[64:ff9b::93.184.215.14]/",
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
        ] {
            assert!(destination(url).is_ok(), "{url}: {:?}", destination(url));
        }
        let parsed = destination("https://Hooks.Example.com.:8443/a/b?c=d#e").unwrap();
        assert_eq!(parsed.host, Host::Domain("hooks.example.com".to_owned()));
        assert_eq!(parsed.port, 8443);
        assert_eq!(parsed.authority, "hooks.example.com.:8443");
        assert_eq!(parsed.target, "/a/b?c=d");
    }

    #[test]
    fn the_reason_names_the_address_and_its_range() {
        assert_eq!(
            refusal("169.254.169.254".parse().unwrap()).unwrap(),
            "169.254.169.254 is link-local, where cloud metadata services answer (169.254.0.0/16)"
        );
        assert_eq!(
            refusal("::ffff:10.0.0.1".parse().unwrap()).unwrap(),
            "::ffff:10.0.0.1 is IPv4-mapped 10.0.0.1, private-use (10.0.0.0/8)"
        );
        assert_eq!(
            destination("https://2130706433/").unwrap_err(),
            "must reach a public host: 127.0.0.1 is loopback (127.0.0.0/8)"
        );
        assert!(refusal("93.184.215.14".parse().unwrap()).is_none());
        assert!(refusal("2606:4700::1".parse().unwrap()).is_none());
    }

    #[test]
    fn the_test_mode_reaches_loopback_only() {
        let local = destination("http://localhost:9/").unwrap();
        assert!(local.refuses("127.0.0.1".parse().unwrap()).is_none());
        assert!(local.refuses("::1".parse().unwrap()).is_none());
        assert!(local.refuses("93.184.215.14".parse().unwrap()).is_some());
        let public = destination("https://hooks.example.com/").unwrap();
        assert!(public.refuses("127.0.0.1".parse().unwrap()).is_some());
    }
}
