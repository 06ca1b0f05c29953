/// HTML character references left in text: named (HTML 4 set plus `&apos;` and the HTML5 names
/// that matter in web text), decimal and hexadecimal. Numeric references in 128...159 follow
/// HTML5 and mean Windows-1252.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "AElig": 0xC6, "Aacute": 0xC1, "Acirc": 0xC2, "Agrave": 0xC0, "Alpha": 0x391, "Aring": 0xC5,
        "Atilde": 0xC3, "Auml": 0xC4, "Beta": 0x392, "Ccedil": 0xC7, "Chi": 0x3A7, "Dagger": 0x2021,
        "Delta": 0x394, "ETH": 0xD0, "Eacute": 0xC9, "Ecirc": 0xCA, "Egrave": 0xC8, "Epsilon": 0x395,
        "Eta": 0x397, "Euml": 0xCB, "Gamma": 0x393, "Iacute": 0xCD, "Icirc": 0xCE, "Igrave": 0xCC,
        "Iota": 0x399, "Iuml": 0xCF, "Kappa": 0x39A, "Lambda": 0x39B, "Mu": 0x39C, "Ntilde": 0xD1,
        "Nu": 0x39D, "OElig": 0x152, "Oacute": 0xD3, "Ocirc": 0xD4, "Ograve": 0xD2, "Omega": 0x3A9,
        "Omicron": 0x39F, "Oslash": 0xD8, "Otilde": 0xD5, "Ouml": 0xD6, "Phi": 0x3A6, "Pi": 0x3A0,
        "Prime": 0x2033, "Psi": 0x3A8, "Rho": 0x3A1, "Scaron": 0x160, "Sigma": 0x3A3, "THORN": 0xDE,
        "Tau": 0x3A4, "Theta": 0x398, "Uacute": 0xDA, "Ucirc": 0xDB, "Ugrave": 0xD9, "Upsilon": 0x3A5,
        "Uuml": 0xDC, "Xi": 0x39E, "Yacute": 0xDD, "Yuml": 0x178, "Zeta": 0x396, "aacute": 0xE1,
        "acirc": 0xE2, "acute": 0xB4, "aelig": 0xE6, "agrave": 0xE0, "alefsym": 0x2135, "alpha": 0x3B1,
        "amp": 0x26, "and": 0x2227, "ang": 0x2220, "apos": 0x27, "aring": 0xE5, "asymp": 0x2248,
        "atilde": 0xE3, "auml": 0xE4, "bdquo": 0x201E, "beta": 0x3B2, "brvbar": 0xA6, "bull": 0x2022,
        "cap": 0x2229, "ccedil": 0xE7, "cedil": 0xB8, "cent": 0xA2, "chi": 0x3C7, "circ": 0x2C6,
        "clubs": 0x2663, "cong": 0x2245, "copy": 0xA9, "crarr": 0x21B5, "cup": 0x222A, "curren": 0xA4,
        "dArr": 0x21D3, "dagger": 0x2020, "darr": 0x2193, "deg": 0xB0, "delta": 0x3B4, "diams": 0x2666,
        "divide": 0xF7, "eacute": 0xE9, "ecirc": 0xEA, "egrave": 0xE8, "empty": 0x2205, "emsp": 0x2003,
        "ensp": 0x2002, "epsilon": 0x3B5, "equiv": 0x2261, "eta": 0x3B7, "eth": 0xF0, "euml": 0xEB,
        "euro": 0x20AC, "exist": 0x2203, "fnof": 0x192, "forall": 0x2200, "frac12": 0xBD, "frac14": 0xBC,
        "frac34": 0xBE, "frasl": 0x2044, "gamma": 0x3B3, "ge": 0x2265, "gt": 0x3E, "hArr": 0x21D4,
        "harr": 0x2194, "hearts": 0x2665, "hellip": 0x2026, "iacute": 0xED, "icirc": 0xEE, "iexcl": 0xA1,
        "igrave": 0xEC, "image": 0x2111, "infin": 0x221E, "int": 0x222B, "iota": 0x3B9, "iquest": 0xBF,
        "isin": 0x2208, "iuml": 0xEF, "kappa": 0x3BA, "lArr": 0x21D0, "lambda": 0x3BB, "lang": 0x2329,
        "laquo": 0xAB, "larr": 0x2190, "lceil": 0x2308, "ldquo": 0x201C, "le": 0x2264, "lfloor": 0x230A,
        "lowast": 0x2217, "loz": 0x25CA, "lrm": 0x200E, "lsaquo": 0x2039, "lsquo": 0x2018, "lt": 0x3C,
        "macr": 0xAF, "mdash": 0x2014, "micro": 0xB5, "middot": 0xB7, "minus": 0x2212, "mu": 0x3BC,
        "nabla": 0x2207, "nbsp": 0xA0, "ndash": 0x2013, "ne": 0x2260, "ni": 0x220B, "not": 0xAC,
        "notin": 0x2209, "nsub": 0x2284, "ntilde": 0xF1, "nu": 0x3BD, "oacute": 0xF3, "ocirc": 0xF4,
        "oelig": 0x153, "ograve": 0xF2, "oline": 0x203E, "omega": 0x3C9, "omicron": 0x3BF, "oplus": 0x2295,
        "or": 0x2228, "ordf": 0xAA, "ordm": 0xBA, "oslash": 0xF8, "otilde": 0xF5, "otimes": 0x2297,
        "ouml": 0xF6, "para": 0xB6, "part": 0x2202, "permil": 0x2030, "perp": 0x22A5, "phi": 0x3C6,
        "pi": 0x3C0, "piv": 0x3D6, "plusmn": 0xB1, "pound": 0xA3, "prime": 0x2032, "prod": 0x220F,
        "prop": 0x221D, "psi": 0x3C8, "quot": 0x22, "rArr": 0x21D2, "radic": 0x221A, "rang": 0x232A,
        "raquo": 0xBB, "rarr": 0x2192, "rceil": 0x2309, "rdquo": 0x201D, "real": 0x211C, "reg": 0xAE,
        "rfloor": 0x230B, "rho": 0x3C1, "rlm": 0x200F, "rsaquo": 0x203A, "rsquo": 0x2019, "sbquo": 0x201A,
        "scaron": 0x161, "sdot": 0x22C5, "sect": 0xA7, "shy": 0xAD, "sigma": 0x3C3, "sigmaf": 0x3C2,
        "sim": 0x223C, "spades": 0x2660, "sub": 0x2282, "sube": 0x2286, "sum": 0x2211, "sup": 0x2283,
        "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "supe": 0x2287, "szlig": 0xDF, "tau": 0x3C4,
        "there4": 0x2234, "theta": 0x3B8, "thetasym": 0x3D1, "thinsp": 0x2009, "thorn": 0xFE, "tilde": 0x2DC,
        "times": 0xD7, "trade": 0x2122, "uArr": 0x21D1, "uacute": 0xFA, "uarr": 0x2191, "ucirc": 0xFB,
        "ugrave": 0xF9, "uml": 0xA8, "upsih": 0x3D2, "upsilon": 0x3C5, "uuml": 0xFC, "weierp": 0x2118,
        "xi": 0x3BE, "yacute": 0xFD, "yen": 0xA5, "yuml": 0xFF, "zeta": 0x3B6, "zwj": 0x200D, "zwnj": 0x200C,
    ]

    /// HTML5's reading of numeric references 0x80...0x9F as Windows-1252.
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// HTML5 names that turn up in web text beyond the HTML 4 set: upper-case spellings of the
    /// basic ones, punctuation names, and the Latin Extended-A letters of Central European text.
    static let html5: [String: UInt32] = [
        "AMP": 0x26, "LT": 0x3C, "GT": 0x3E, "QUOT": 0x22, "COPY": 0xA9, "REG": 0xAE, "TRADE": 0x2122,
        "Tab": 0x09, "NewLine": 0x0A, "excl": 0x21, "num": 0x23, "dollar": 0x24, "percnt": 0x25,
        "lpar": 0x28, "rpar": 0x29, "ast": 0x2A, "plus": 0x2B, "comma": 0x2C, "period": 0x2E, "sol": 0x2F,
        "colon": 0x3A, "semi": 0x3B, "equals": 0x3D, "quest": 0x3F, "commat": 0x40, "lsqb": 0x5B,
        "bsol": 0x5C, "rsqb": 0x5D, "Hat": 0x5E, "lowbar": 0x5F, "grave": 0x60, "lcub": 0x7B,
        "verbar": 0x7C, "vert": 0x7C, "rcub": 0x7D, "half": 0xBD, "centerdot": 0xB7, "hyphen": 0x2010,
        "dash": 0x2010, "horbar": 0x2015, "bullet": 0x2022, "mldr": 0x2026, "nldr": 0x2025,
        "lsquor": 0x201A, "ldquor": 0x201E, "rsquor": 0x2019, "rdquor": 0x201D, "check": 0x2713,
        "cross": 0x2717, "star": 0x2606, "starf": 0x2605, "hairsp": 0x200A, "numsp": 0x2007,
        "puncsp": 0x2008, "ThinSpace": 0x2009, "NonBreakingSpace": 0xA0, "ZeroWidthSpace": 0x200B,
        "NoBreak": 0x2060, "emsp13": 0x2004, "emsp14": 0x2005, "MediumSpace": 0x205F, "nbsp": 0xA0,
        "Amacr": 0x100, "amacr": 0x101, "Abreve": 0x102, "abreve": 0x103, "Aogon": 0x104, "aogon": 0x105,
        "Cacute": 0x106, "cacute": 0x107, "Ccaron": 0x10C, "ccaron": 0x10D, "Dcaron": 0x10E, "dcaron": 0x10F,
        "Dstrok": 0x110, "dstrok": 0x111, "Emacr": 0x112, "emacr": 0x113, "Eogon": 0x118, "eogon": 0x119,
        "Ecaron": 0x11A, "ecaron": 0x11B, "Gbreve": 0x11E, "gbreve": 0x11F, "Imacr": 0x12A, "imacr": 0x12B,
        "Idot": 0x130, "imath": 0x131, "Lstrok": 0x141, "lstrok": 0x142, "Nacute": 0x143, "nacute": 0x144,
        "Ncaron": 0x147, "ncaron": 0x148, "Odblac": 0x150, "odblac": 0x151, "Rcaron": 0x158, "rcaron": 0x159,
        "Sacute": 0x15A, "sacute": 0x15B, "Scedil": 0x15E, "scedil": 0x15F, "Tcaron": 0x164, "tcaron": 0x165,
        "Umacr": 0x16A, "umacr": 0x16B, "Uring": 0x16E, "uring": 0x16F, "Udblac": 0x170, "udblac": 0x171,
        "Zacute": 0x179, "zacute": 0x17A, "Zdot": 0x17B, "zdot": 0x17C, "Zcaron": 0x17D, "zcaron": 0x17E,
    ]

    /// Decodes the reference starting at `bytes[i]` (an '&'). Returns the decoded scalar and
    /// how many bytes the reference spans, or nil when it is not a reference. Only references
    /// closed by ';' are decoded (`a=1&copy=2` in a URL stays as it is).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        let limit = min(bytes.count, i + 34)
        guard j < limit else { return nil }
        if bytes[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < limit, bytes[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while j < limit, let d = digit(bytes[j], hex: hex) {
                value = value &* (hex ? 16 : 10) &+ d
                digits += 1
                j += 1
                if digits > 8 { return nil }
            }
            guard digits > 0, j < bytes.count, bytes[j] == UInt8(ascii: ";") else { return nil }
            let mapped = windows1252[value] ?? value
            guard mapped != 0, let scalar = Unicode.Scalar(mapped) else { return ("\u{FFFD}", j + 1 - i) }
            return (scalar, j + 1 - i)
        }
        let start = j
        while j < limit, isNameByte(bytes[j]) { j += 1 }
        guard j > start, j < bytes.count, bytes[j] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
        guard let value = named[name] ?? html5[name], let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, j + 1 - i)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b) - 0x30
        case 0x41...0x46 where hex: return UInt32(b) - 0x41 + 10
        case 0x61...0x66 where hex: return UInt32(b) - 0x61 + 10
        default: return nil
        }
    }
}
