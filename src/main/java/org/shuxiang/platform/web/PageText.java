package org.shuxiang.platform.web;

import java.util.Locale;

import org.shuxiang.platform.RefusedException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Words for the web pages from the message bundles: a refusal as a sentence, a text with its arguments. */
@Component
@org.springframework.modulith.NamedInterface("pages")
public class PageText {

    private final MessageSource messages;

    PageText(MessageSource messages) {
        this.messages = messages;
    }

    /** A refusal in the page's language, worded as the REST API words its problems. */
    public String sentence(RefusedException refused, Locale locale) {
        return messages.getMessage(refused.refusal().messageKey(), refused.arguments(), refused.refusal().name(),
                locale);
    }

    public String of(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }
}
