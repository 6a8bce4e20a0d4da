package org.shuxiang.notices;

/**
 * A way to reach readers: email is built in; SMS and WeChat messages plug in as beans implementing this
 * (a provider's HTTP API, say). A channel that cannot reach a reader (no address) is skipped for them.
 */
public interface NoticeChannel {

    /** Who a notice goes to, with the addresses the reader gave. */
    record Recipient(long readerId, String name, String email, String phone) {
    }

    /** What a notice says. */
    record Message(String subject, String body) {
    }

    /** A short stable name, stored with each notice: EMAIL, SMS, WECHAT … */
    String name();

    boolean reaches(Recipient recipient);

    /** Sends or throws; a notice that failed is tried again on the next runs. */
    void send(Recipient recipient, Message message) throws Exception;
}
