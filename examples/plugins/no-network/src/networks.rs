//! Which modules and packages reach the network, language by language.
//!
//! A module entry matches the imported module itself and everything inside
//! it, as [`module_matches`] decides: `urllib` matches `urllib.request`,
//! `net` matches `net/http`, `curl` matches `curl/curl.h`, `@grpc` matches
//! `@grpc/grpc-js`. A `harmless` entry is a module inside a listed one that
//! only parses or formats (`urllib.parse`, `net/url`): importing it is not a
//! finding.
//!
//! What is deliberately *not* listed:
//!
//! - Python's `asyncio`, Ruby's `openssl`, Go's `syscall`, R's `utils`: each
//!   can open a connection, but each is mostly used for something else
//!   (concurrency, hashing, system calls, everything). Listing them would
//!   block ordinary programs; the container's `network_mode = "none"` still
//!   stops what they could do.
//! - `sys/un.h` (Unix domain sockets) and `select`/`selectors`: local
//!   inter-process plumbing that reaches nothing outside the container.
//!   (A C program using sockets includes `sys/socket.h`, which is listed.)

use llm_sandbox_sdk::policy::module_matches;

/// The network modules and packages of one language.
pub struct Networks {
    /// Modules (or families of modules) that open connections.
    pub modules: &'static [&'static str],
    /// Modules inside a listed one that never open a connection.
    pub harmless: &'static [&'static str],
    /// Package names, as the language's package manager spells them
    /// (normalised by [`package_name`]), of network libraries.
    pub packages: &'static [&'static str],
}

/// Python: the standard library's protocol modules, then common libraries.
/// `from urllib import parse` reports `urllib` and is a finding; write
/// `from urllib.parse import quote` (harmless) or allow it.
const PYTHON: Networks = Networks {
    modules: &[
        "socket",
        "ssl",
        "http",
        "urllib",
        "ftplib",
        "smtplib",
        "smtpd",
        "poplib",
        "imaplib",
        "nntplib",
        "telnetlib",
        "xmlrpc",
        "socketserver",
        "multiprocessing.connection",
        "wsgiref.simple_server",
        "urllib3",
        "requests",
        "httpx",
        "aiohttp",
        "httplib2",
        "pycurl",
        "websocket",
        "websockets",
        "paramiko",
        "grpc",
        "zmq",
        "dns",
        "scapy",
        "twisted",
        "tornado",
        "flask",
        "fastapi",
        "uvicorn",
        "django",
    ],
    harmless: &["urllib.parse", "urllib.error"],
    packages: &[
        "requests",
        "httpx",
        "aiohttp",
        "urllib3",
        "httplib2",
        "pycurl",
        "websocket-client",
        "websockets",
        "paramiko",
        "grpcio",
        "pyzmq",
        "dnspython",
        "scapy",
        "twisted",
        "tornado",
        "flask",
        "fastapi",
        "uvicorn",
        "django",
    ],
};

/// JavaScript (Node): the core network modules (with or without `node:`),
/// then common npm packages. The global `fetch` is not an import at all.
const JAVASCRIPT: Networks = Networks {
    modules: &[
        "net",
        "http",
        "https",
        "http2",
        "dgram",
        "tls",
        "dns",
        "axios",
        "node-fetch",
        "cross-fetch",
        "isomorphic-fetch",
        "undici",
        "got",
        "ky",
        "needle",
        "superagent",
        "request",
        "ws",
        "socket.io",
        "socket.io-client",
        "mqtt",
        "ssh2",
        "ftp",
        "basic-ftp",
        "nodemailer",
        "@grpc",
        "express",
        "koa",
        "fastify",
    ],
    harmless: &[],
    packages: &[
        "axios",
        "node-fetch",
        "cross-fetch",
        "isomorphic-fetch",
        "undici",
        "got",
        "ky",
        "needle",
        "superagent",
        "request",
        "ws",
        "socket.io",
        "socket.io-client",
        "mqtt",
        "ssh2",
        "ftp",
        "basic-ftp",
        "nodemailer",
        "@grpc",
        "express",
        "koa",
        "fastify",
    ],
};

/// Java: `java.net` (sockets, `URL.openConnection`, `java.net.http`), the
/// socket channels of NIO (not `FileChannel`), RMI and common libraries.
/// A wildcard import of a package holding a listed class
/// (`java.nio.channels.*`) counts too: it brings the class into scope.
/// The Java plugin installs no packages, so there is no package list.
const JAVA: Networks = Networks {
    modules: &[
        "java.net",
        "javax.net",
        "jdk.net",
        "java.rmi",
        "javax.rmi",
        "com.sun.net",
        "sun.net",
        "java.nio.channels.SocketChannel",
        "java.nio.channels.ServerSocketChannel",
        "java.nio.channels.DatagramChannel",
        "java.nio.channels.AsynchronousSocketChannel",
        "java.nio.channels.AsynchronousServerSocketChannel",
        "java.nio.channels.MulticastChannel",
        "java.nio.channels.NetworkChannel",
        "okhttp3",
        "org.apache.http",
        "org.apache.hc",
        "io.netty",
        "javax.mail",
        "jakarta.mail",
        "javax.ws.rs.client",
        "jakarta.ws.rs.client",
    ],
    harmless: &[
        "java.net.URI",
        "java.net.URISyntaxException",
        "java.net.URLEncoder",
        "java.net.URLDecoder",
    ],
    packages: &[],
};

/// C and C++: the POSIX socket headers, then common libraries. Packages are
/// Debian packages (the C++ plugin installs with apt-get), including the
/// command-line clients a program could shell out to.
const CPP: Networks = Networks {
    modules: &[
        "sys/socket.h",
        "netinet",
        "arpa",
        "netdb.h",
        "ifaddrs.h",
        "net",
        "resolv.h",
        "linux/if_packet.h",
        "winsock2.h",
        "ws2tcpip.h",
        "curl",
        "curlpp",
        "openssl/ssl.h",
        "boost/asio.hpp",
        "boost/asio",
        "boost/beast.hpp",
        "boost/beast",
        "asio.hpp",
        "asio",
        "cpr",
        "httplib.h",
        "cpprest",
        "zmq.h",
        "zmq.hpp",
        "grpc",
        "grpcpp",
        "libssh",
        "libssh2.h",
        "libwebsockets.h",
        "microhttpd.h",
    ],
    harmless: &[],
    packages: &[
        "libcurl4-openssl-dev",
        "libcurl4-gnutls-dev",
        "libcurl4-nss-dev",
        "libcurlpp-dev",
        "libasio-dev",
        "libcpr-dev",
        "libcpp-httplib-dev",
        "libcpprest-dev",
        "libzmq3-dev",
        "libgrpc-dev",
        "libgrpc++-dev",
        "libssh-dev",
        "libssh2-1-dev",
        "libwebsockets-dev",
        "libmicrohttpd-dev",
        "curl",
        "wget",
        "netcat-openbsd",
        "netcat-traditional",
        "socat",
        "openssh-client",
        "dnsutils",
        "iputils-ping",
    ],
};

/// Go: `net` and everything under it except the parsers, TLS, then common
/// modules (packages are module paths, as `go get` takes them).
const GO: Networks = Networks {
    modules: &[
        "net",
        "crypto/tls",
        "golang.org/x/net",
        "golang.org/x/crypto/ssh",
        "google.golang.org/grpc",
        "github.com/gorilla/websocket",
        "nhooyr.io/websocket",
        "github.com/coder/websocket",
        "github.com/valyala/fasthttp",
        "github.com/go-resty/resty",
        "github.com/miekg/dns",
        "github.com/gin-gonic/gin",
        "github.com/labstack/echo",
        "github.com/gofiber/fiber",
    ],
    harmless: &["net/url", "net/netip", "net/mail"],
    packages: &[
        "golang.org/x/net",
        "google.golang.org/grpc",
        "github.com/gorilla/websocket",
        "nhooyr.io/websocket",
        "github.com/coder/websocket",
        "github.com/valyala/fasthttp",
        "github.com/go-resty/resty",
        "github.com/miekg/dns",
        "github.com/gin-gonic/gin",
        "github.com/labstack/echo",
        "github.com/gofiber/fiber",
    ],
};

/// Ruby: `socket`, every `net/…` library (`net/http`, `net/ftp`,
/// `net/ssh`…), `open-uri`, then common gems.
const RUBY: Networks = Networks {
    modules: &[
        "socket",
        "net",
        "open-uri",
        "resolv",
        "drb",
        "webrick",
        "httparty",
        "faraday",
        "rest-client",
        "restclient",
        "excon",
        "typhoeus",
        "httpclient",
        "http",
        "httpx",
        "mechanize",
        "websocket",
        "websocket-client-simple",
        "faye",
        "em-http",
        "sinatra",
    ],
    harmless: &[],
    packages: &[
        "httparty",
        "faraday",
        "rest-client",
        "excon",
        "typhoeus",
        "httpclient",
        "http",
        "httpx",
        "mechanize",
        "net-http",
        "net-ftp",
        "net-smtp",
        "net-pop",
        "net-imap",
        "net-telnet",
        "net-ssh",
        "net-sftp",
        "net-scp",
        "websocket-client-simple",
        "faye-websocket",
        "em-http-request",
        "webrick",
        "sinatra",
    ],
};

/// R: packages are what code imports (`library(httr)`, `httr::GET`). Base R's
/// `url()`, `download.file()` and `socketConnection()` need no import.
const R: Networks = Networks {
    modules: &[
        "httr",
        "httr2",
        "curl",
        "RCurl",
        "crul",
        "rvest",
        "httpuv",
        "plumber",
        "websocket",
        "ssh",
    ],
    harmless: &[],
    packages: &[
        "httr",
        "httr2",
        "curl",
        "RCurl",
        "crul",
        "rvest",
        "httpuv",
        "plumber",
        "websocket",
        "ssh",
    ],
};

/// Any other language: names that mean networking almost everywhere (Lua's
/// LuaSocket is `require "socket"`, its LuaSec `require "ssl"`).
const GENERIC: Networks = Networks {
    modules: &[
        "socket",
        "ssl",
        "http",
        "https",
        "curl",
        "websocket",
        "websockets",
    ],
    harmless: &[],
    packages: &[
        "socket",
        "luasocket",
        "luasec",
        "http",
        "curl",
        "websocket",
        "websockets",
    ],
};

/// The table for a language plugin's canonical name.
pub fn for_language(language: &str) -> &'static Networks {
    match language.trim().to_ascii_lowercase().as_str() {
        "python" => &PYTHON,
        "javascript" | "typescript" => &JAVASCRIPT,
        "java" => &JAVA,
        "cpp" | "c" => &CPP,
        "go" => &GO,
        "ruby" => &RUBY,
        "r" => &R,
        _ => &GENERIC,
    }
}

impl Networks {
    /// The entry an imported module falls under, unless it is harmless.
    pub fn module_entry(&self, module: &str) -> Option<&'static str> {
        if self.harmless.iter().any(|h| module_matches(module, h)) {
            return None;
        }
        if let Some(entry) = self.modules.iter().find(|m| module_matches(module, m)) {
            return Some(entry);
        }
        // `import java.nio.channels.*;` brings the classes of that package
        // (not of its subpackages) into scope, `SocketChannel` among them.
        let package = module.trim().strip_suffix(".*")?;
        self.modules.iter().copied().find(|m| {
            m.rsplit_once('.').is_some_and(|(parent, class)| {
                parent == package && class.starts_with(|c: char| c.is_ascii_uppercase())
            })
        })
    }

    /// The entry a requested package (already normalised) falls under.
    pub fn package_entry(&self, name: &str) -> Option<&'static str> {
        self.packages
            .iter()
            .find(|p| module_matches(name, p))
            .copied()
    }
}

/// The bare name of a package as the caller asked for it, the way the
/// language's package manager reads it: without its version or extras, and
/// in the spelling the package index compares (`Requests[socks]>=2` is
/// `requests`, `@grpc/grpc-js@1.9` is `@grpc/grpc-js`, `rack:~>2.2` is `rack`,
/// `github.com/x/y@v1` is `github.com/x/y`, `curl=7.88.1-10` is `curl`).
pub fn package_name(language: &str, package: &str) -> String {
    let package = package.trim();
    let cut = |stops: &[char]| -> String {
        match package.find(stops) {
            Some(at) => package[..at].trim().to_string(),
            None => package.to_string(),
        }
    };
    match language.trim().to_ascii_lowercase().as_str() {
        // PEP 503: case-insensitive, runs of `-`, `_` and `.` are one `-`.
        "python" => {
            let name = cut(&['[', '<', '>', '=', '!', '~', ';', '@', ' ', '(']);
            let mut out = String::new();
            for c in name.chars() {
                if matches!(c, '-' | '_' | '.') {
                    if !out.ends_with('-') {
                        out.push('-');
                    }
                } else {
                    out.push(c.to_ascii_lowercase());
                }
            }
            out
        }
        // `name@version`, where a scoped name itself starts with `@`.
        "javascript" | "typescript" => {
            let at = package
                .char_indices()
                .skip(1)
                .find(|&(_, c)| c == '@')
                .map_or(package.len(), |(i, _)| i);
            package[..at].to_ascii_lowercase()
        }
        "go" => cut(&['@']),
        "ruby" => cut(&[':', ' ']).to_ascii_lowercase(),
        // Debian: `name=version`, `name:arch`, `name/release`.
        "cpp" | "c" => cut(&['=', ':', '/']).to_ascii_lowercase(),
        // CRAN names are case-sensitive (`RCurl`).
        "r" => cut(&['@', ' ']),
        _ => cut(&['@', '=', '<', '>', ':', ' ']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_lose_versions_and_extras() {
        assert_eq!(package_name("python", "Requests[socks]>=2.31"), "requests");
        assert_eq!(
            package_name("python", "websocket_client"),
            "websocket-client"
        );
        assert_eq!(package_name("javascript", "axios@1.6.0"), "axios");
        assert_eq!(
            package_name("javascript", "@grpc/grpc-js@1.9"),
            "@grpc/grpc-js"
        );
        assert_eq!(package_name("ruby", "faraday:~>2.0"), "faraday");
        assert_eq!(
            package_name("go", "github.com/gorilla/websocket@v1.5.0"),
            "github.com/gorilla/websocket"
        );
        assert_eq!(package_name("cpp", "curl=7.88.1-10"), "curl");
        assert_eq!(package_name("r", "RCurl"), "RCurl");
    }

    #[test]
    fn every_language_has_its_table() {
        for (language, module) in [
            ("python", "urllib.request"),
            ("javascript", "node:http"),
            ("java", "java.net.http.HttpClient"),
            ("cpp", "<sys/socket.h>"),
            ("go", "net/http"),
            ("ruby", "net/http"),
            ("r", "httr"),
            ("lua", "socket.http"),
        ] {
            assert!(
                for_language(language).module_entry(module).is_some(),
                "{language}: {module}"
            );
        }
    }

    #[test]
    fn harmless_children_and_lookalikes_are_not_network() {
        assert_eq!(PYTHON.module_entry("urllib.parse"), None);
        assert_eq!(PYTHON.module_entry("sockets_are_fun"), None);
        assert_eq!(PYTHON.module_entry("asyncio"), None);
        assert_eq!(GO.module_entry("net/url"), None);
        assert_eq!(JAVA.module_entry("java.net.URI"), None);
        assert_eq!(JAVA.module_entry("java.nio.channels.FileChannel"), None);
        assert_eq!(JAVASCRIPT.module_entry("netmask"), None);
        assert_eq!(CPP.module_entry("sys/stat.h"), None);
        assert_eq!(GENERIC.module_entry("httpx"), None);
    }

    #[test]
    fn a_wildcard_import_of_a_package_with_a_network_class_counts() {
        assert_eq!(
            JAVA.module_entry("java.nio.channels.*"),
            Some("java.nio.channels.SocketChannel")
        );
        assert_eq!(JAVA.module_entry("java.net.*"), Some("java.net"));
        assert_eq!(JAVA.module_entry("java.util.*"), None);
        // Wildcards are not recursive: `javax.*` is not `javax.net`.
        assert_eq!(JAVA.module_entry("javax.*"), None);
    }
}
