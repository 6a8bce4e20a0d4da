package org.shuxiang.notices;

import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Notices by email over SMTP ({@code spring.mail.host} and friends), from {@code shuxiang.notices.email.from}.
 * Without both the channel is off.
 */
@Component
@ConditionalOnProperty(name = {"shuxiang.notices.email.from", "spring.mail.host"})
class EmailChannel implements NoticeChannel {

    private final JavaMailSender mail;
    private final String from;

    EmailChannel(JavaMailSender mail, @Value("${shuxiang.notices.email.from}") String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public boolean reaches(Recipient recipient) {
        return recipient.email() != null && !recipient.email().isBlank();
    }

    @Override
    public void send(Recipient recipient, Message message) throws Exception {
        MimeMessage mime = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
        helper.setFrom(from);
        helper.setTo(recipient.email());
        helper.setSubject(message.subject());
        helper.setText(message.body());
        mail.send(mime);
    }
}
