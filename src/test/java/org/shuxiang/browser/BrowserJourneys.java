package org.shuxiang.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the browser journeys share: the demo started once for the run, a new browser for each journey
 * (of the size {@link #openBrowser} gives), and the page of a journey that fails kept as evidence.
 */
abstract class BrowserJourneys {

    protected static RunningDemo demo;
    protected Browser browser;

    /** A journey that fails leaves its page behind, as a screenshot and as HTML. */
    @RegisterExtension
    final AfterTestExecutionCallback keepFailedPage = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.keepFailure(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void startDemo() throws Exception {
        Browser.assumeInstalled();
        demo = RunningDemo.shared();
    }

    @BeforeEach
    void start() {
        browser = openBrowser();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** The browser a journey of this class runs in. */
    abstract Browser openBrowser();
}
