package org.shuxiang.selfservice.sip2;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.shuxiang.platform.Actor;
import org.shuxiang.selfservice.Sip2Accounts;

/**
 * One machine's connection: who logged in (and so the character set of the bytes), and the last answer,
 * sent again for a resend request (97) or a request repeated with the same sequence number, which is not
 * acted on twice. A connection handles one message at a time.
 */
final class Sip2Session {

    private Sip2Accounts.Account account;
    /** The machine as an actor, made once at login rather than at every message. */
    private Actor.Machine actor;
    private String location;
    private boolean refused;
    private Character lastSequence;
    private String lastCommand;
    private byte[] lastAnswer;
    private int formatErrors;

    Sip2Accounts.Account account() {
        return account;
    }

    boolean loggedIn() {
        return account != null;
    }

    Actor.Machine actor() {
        return actor;
    }

    void loggedIn(Sip2Accounts.Account account, String location) {
        this.account = account;
        this.actor = account.actor();
        this.location = location;
    }

    /** A failed login: the answer (94 with 0) goes out, then the connection closes. */
    void refuse() {
        refused = true;
    }

    boolean refused() {
        return refused;
    }

    String location() {
        return location;
    }

    /** Before login the bytes are read as UTF-8 (a login is ASCII); after it, in the account's set. */
    Charset charset() {
        return account == null ? StandardCharsets.UTF_8 : account.charset();
    }

    /** The previous answer, when {@code request} repeats the previous request's sequence number and command. */
    byte[] repeatOf(Sip2Message request) {
        if (request.sequence() != null && request.sequence().equals(lastSequence)
                && request.command().equals(lastCommand)) {
            return lastAnswer;
        }
        return null;
    }

    byte[] lastAnswer() {
        return lastAnswer;
    }

    void answered(Sip2Message request, byte[] answer) {
        lastSequence = request.sequence();
        lastCommand = request.command();
        lastAnswer = answer;
        formatErrors = 0;
    }

    /** Counts malformed messages in a row; the connection closes after a few. */
    int malformed() {
        return ++formatErrors;
    }
}
