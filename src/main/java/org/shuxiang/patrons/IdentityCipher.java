package org.shuxiang.patrons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps identity card numbers secret in the database: AES-256-GCM with a random nonce for storage, and
 * an HMAC-SHA-256 of the number (under a key derived from the same secret) for finding a reader by
 * number and keeping numbers unique without decrypting anything. The secret comes from
 * {@code shuxiang.patrons.identity-key} (32 bytes, Base64) or, when that is not set, from
 * {@code <data-dir>/keys/identity.key}, created on first start and readable by its owner only.
 * Losing the secret makes the stored numbers unreadable: back it up with the database.
 */
@Component
class IdentityCipher {

    private static final Logger log = LoggerFactory.getLogger(IdentityCipher.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec lookupKey;
    private final SecureRandom random = new SecureRandom();

    IdentityCipher(@Value("${shuxiang.patrons.identity-key:}") String configured,
                   @Value("${shuxiang.data-dir:./data}") Path dataDir) {
        byte[] secret = configured.isBlank() ? fromFile(dataDir.resolve("keys").resolve("identity.key"))
                : Base64.getDecoder().decode(configured.strip());
        if (secret.length != 32) {
            throw new IllegalStateException("the identity key must be 32 bytes (Base64), not " + secret.length);
        }
        this.encryptionKey = new SecretKeySpec(derive(secret, "shuxiang identity encryption"), "AES");
        this.lookupKey = new SecretKeySpec(derive(secret, "shuxiang identity lookup"), "HmacSHA256");
        Arrays.fill(secret, (byte) 0);
    }

    byte[] encrypt(IdentityCardNumber number) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(number.value().getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an identity card number", e);
        }
    }

    IdentityCardNumber decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new IdentityCardNumber(new String(plain, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt an identity card number: wrong identity key?", e);
        }
    }

    /** The same for the same number, and nothing else: for unique keys and lookups. */
    String lookupHash(IdentityCardNumber number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            return HexFormat.of().formatHex(mac.doFinal(number.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Created the key that encrypts identity card numbers in {}: back it up with the database", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the identity key " + file, e);
        }
    }
}
