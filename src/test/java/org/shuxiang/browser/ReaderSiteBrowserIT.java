package org.shuxiang.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.shuxiang.TestReaders;

/**
 * The reader site's journeys in a real browser (Chromium on a phone-sized screen) against the packaged
 * jar with the demo network, as a new user runs it. Each journey keeps a screenshot of its last page in
 * {@code target/browser-screenshots/}.
 */
class ReaderSiteBrowserIT extends BrowserJourneys {

    @Override
    Browser openBrowser() {
        return Browser.open(demo.base(), "zh-CN");
    }

    @Test
    void aReaderFindsABookByItsChineseTitleAndByPinyin() throws Exception {
        browser.go("/");
        browser.type("#q", "三体");
        browser.click(".searchbox button[type=submit]");
        assertThat(browser.waitForText("#results", "三体")).contains("共找到", "刘慈欣", "在架");

        browser.go("/search");
        browser.type("#q", "huozhe");
        browser.click(".searchbox button[type=submit]");
        assertThat(browser.waitForText("#results .hits", "活着")).contains("余华");
        browser.screenshot("reader-search-pinyin");
    }

    @Test
    void aReaderPlacesAHoldAtAPickupPointSigningInOnTheWay() throws Exception {
        browser.go("/search?q=" + java.net.URLEncoder.encode("白鹿原", java.nio.charset.StandardCharsets.UTF_8));
        browser.click(".hit a.title");
        assertThat(browser.text("h1")).isEqualTo("白鹿原");
        assertThat(browser.text("table.copies")).contains("在架");
        browser.click("#signin-to-hold");

        assertThat(browser.url()).contains("/signin");
        browser.type("#login", "TL20000005");
        browser.type("#pin", "123456");
        browser.click("form button[type=submit]");

        assertThat(browser.text("h1")).isEqualTo("白鹿原");
        new Select(browser.find("#pickupUnit")).selectByValue("TGQ-B01");
        browser.click("form.hold button[type=submit]");

        assertThat(browser.waitForText(".notice", "白鹿原")).contains("已预约《白鹿原》", "天井湖");
        assertThat(browser.text("#holds")).contains("白鹿原");
        browser.screenshot("reader-hold-placed");
    }

    @Test
    void aGuardianSwitchesToTheirChildsCardAndRenewsItsLoan() throws Exception {
        signIn("TL20000002", "123456");
        assertThat(browser.text("h1")).contains("陈静");
        browser.driver().findElement(By.linkText("陈小明")).click();
        assertThat(browser.waitForText("h1", "陈小明")).contains("陈小明");
        String loan = browser.text("#loans .loan strong");
        browser.click("#loans .loan button[type=submit]");

        assertThat(browser.waitForText(".notice", "续借")).contains("《" + loan + "》已续借");
        assertThat(browser.text("#loans")).contains("已续借 1 次");
        browser.screenshot("reader-guardian-renews");
    }

    @Test
    void aWrongPinIsRefusedInWordsAndSignsNobodyIn() throws Exception {
        browser.go("/signin");
        browser.type("#login", "TL20000001");
        browser.type("#pin", "000000");
        browser.click("form button[type=submit]");
        assertThat(browser.text("p.error")).isEqualTo("读者证号或密码错误。");
        browser.go("/account");
        assertThat(browser.url()).contains("/signin");
    }

    @Test
    void aNewReaderRegistersOnlineAndTheCardWorksAtOnce() throws Exception {
        browser.go("/register");
        browser.type("#name", "林晓");
        browser.type("#identityNumber", TestReaders.identityNumber());
        browser.type("#phone", "13905621234");
        new Select(browser.find("#homeUnit")).selectByValue("TGQ");
        browser.type("#pin", "246810");
        browser.type("#pinAgain", "246810");
        browser.click("form button[type=submit]");

        assertThat(browser.waitForText("h1", "办证成功")).isEqualTo("办证成功");
        assertThat(browser.text("main")).contains("林晓，您的读者证号是 TL", "信用评估通过");
        assertThat(browser.find(".qr svg").getAttribute("aria-label")).isEqualTo("读者证二维码");
        browser.go("/account");
        assertThat(browser.text("h1")).contains("林晓");
        browser.screenshot("reader-registered");
    }

    @Test
    void theSiteSpeaksEnglishWhenAsked() throws Exception {
        browser.go("/search?q=santi&lang=en");
        assertThat(browser.waitForText("#results", "titles found")).contains("on the shelf");
        browser.go("/signin");
        assertThat(browser.text("h1")).isEqualTo("Reader sign-in");
    }

    @Test
    void everyReaderPageFitsA360PixelPhoneNamesItsLanguageAndLabelsEveryControl() throws Exception {
        browser.close();
        browser = Browser.open(demo.base(), "zh-CN", "360,800");
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("href=\"(/records/\\d+)\"")
                .matcher(demo.page("/search?q=santi"));
        assertThat(first.find()).isTrue();
        for (String page : java.util.List.of("/", "/search?q=santi", first.group(1), "/signin", "/register",
                "/units", "/units/TLLIB")) {
            browser.go(page);
            assertThat(browser.script("return document.documentElement.lang")).as(page).isEqualTo("zh-CN");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
                    .as("no sideways scrolling on %s", page).isLessThanOrEqualTo(360L);
            Object unlabelled = browser.script("""
                    return Array.from(document.querySelectorAll('input, select, textarea'))
                      .filter(e => e.type !== 'hidden')
                      .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                      .map(e => e.name || e.id);""");
            assertThat((java.util.List<?>) unlabelled).as("controls without a label on %s", page).isEmpty();
            Object unnamed = browser.script("""
                    return Array.from(document.querySelectorAll('[role=img], img'))
                      .filter(e => !e.getAttribute('aria-label') && !e.getAttribute('alt')).length;""");
            assertThat((Long) unnamed).as("images without a name on %s", page).isZero();
        }
        browser.screenshot("reader-units-360");
    }

    private void signIn(String card, String pin) {
        browser.go("/signin");
        browser.type("#login", card);
        browser.type("#pin", pin);
        browser.click("form button[type=submit]");
        browser.find("#loans");
    }
}
