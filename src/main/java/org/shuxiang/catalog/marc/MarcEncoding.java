package org.shuxiang.catalog.marc;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The character encodings MARC files come in. */
public enum MarcEncoding {
    /** Unicode in UTF-8: MARC21 leader/09 {@code a}, UNIMARC 100$a/26-27 {@code 50}. */
    UTF_8(StandardCharsets.UTF_8),
    /** MARC-8, MARC21's legacy encoding (leader/09 blank), with its escape sequences and EACC for CJK. */
    MARC_8(null),
    /** GB18030 (a superset of GBK), the legacy encoding of Chinese CNMARC files. */
    GB18030(Charset.forName("GB18030"));

    private final Charset charset;

    MarcEncoding(Charset charset) {
        this.charset = charset;
    }

    /** The Java charset, or null for MARC-8, which needs its own decoder. */
    public Charset charset() {
        return charset;
    }
}
