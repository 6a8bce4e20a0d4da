package org.shuxiang.selfservice.sip2;

/** A message that does not follow the SIP2 format: the connection gets an error answer or is closed. */
public class Sip2FormatException extends RuntimeException {

    public Sip2FormatException(String message) {
        super(message);
    }
}
