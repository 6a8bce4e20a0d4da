package org.shuxiang.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff client's journeys in a real browser against the packaged jar with the demo network: a desk
 * lends and takes back with routing, a cataloguer imports a file, a library manager stays inside their
 * main library. Each journey keeps a screenshot of its last page in {@code target/browser-screenshots/}.
 */
class StaffClientBrowserIT extends BrowserJourneys {

    @TempDir
    Path files;

    @Override
    Browser openBrowser() {
        return Browser.desk(demo.base(), "zh-CN");
    }

    @Test
    void aDeskLendsABookAndTakesItBackSeeingThatItGoesToTheHoldShelfForTheNextReader() throws Exception {
        // a copy on the shelf at the desk's branch, found through the API
        String found = demo.api("GET", "/api/v1/catalog/search?unit=TGQ-B01&size=50", "demo-desk", null);
        List<Integer> records = JsonPath.read(found, "$.hits[*].id");
        String barcode = null;
        long record = 0;
        for (Integer id : records) {
            if (demo.page("/records/" + id).contains("人预约中")) {
                continue; // a copy of a title readers wait for may be set aside for one of them
            }
            String view = demo.api("GET", "/api/v1/catalog/records/" + id, "demo-desk", null);
            List<String> onShelf = JsonPath.read(view,
                    "$.holdings[?(@.unit == 'TGQ-B01')].items[?(@.status == 'AVAILABLE' && @.type != 'REFERENCE')]"
                            + ".barcode");
            if (!onShelf.isEmpty()) {
                barcode = onShelf.get(0);
                record = id;
                break;
            }
        }
        assertThat(barcode).as("a copy to lend on the shelf at TGQ-B01 in the demo").isNotNull();

        signIn("demo-desk");
        browser.go("/staff/desk?unit=TGQ-B01");
        browser.type("#card", "TL20000005");
        browser.click("form.scan button[type=submit]");
        assertThat(browser.text("#reader-h")).contains("李明", "TL20000005");
        browser.type("#barcode", barcode);
        browser.click("#barcode ~ button");
        assertThat(browser.waitForText("#page-notice", "已借出")).contains(barcode);
        assertThat(browser.text("table.loans")).contains(barcode);

        // meanwhile another reader asks for the title, to collect it at this branch
        demo.api("POST", "/api/v1/holds", "demo-desk", """
                {"cardNumber": "TL20000002", "recordId": %d, "pickupUnit": "TGQ-B01"}""".formatted(record));

        browser.go("/staff/desk/returns");
        browser.type("#barcode", barcode);
        browser.click("#barcode ~ button");
        String row = browser.waitForText("table.returns tbody tr", barcode);
        assertThat(row).contains("放预约架", "陈静");
        browser.screenshot("staff-desk-returns");

        browser.click("table.returns tbody tr a");
        List<String> tabs = List.copyOf(browser.driver().getWindowHandles());
        browser.driver().switchTo().window(tabs.get(tabs.size() - 1));
        assertThat(browser.text(".sliphead")).isEqualTo("预约架");
        assertThat(browser.text(".slipcard")).contains("陈静", barcode);
        browser.screenshot("staff-routing-slip");
    }

    @Test
    void aDeskSeesWhyACheckoutIsRefusedInWords() throws Exception {
        signIn("demo-desk");
        browser.go("/staff/desk?unit=TGQ-B01&card=TL20000005");
        browser.type("#barcode", "NO-SUCH-BARCODE");
        browser.click("#barcode ~ button");
        assertThat(browser.text("#page-error")).contains("NO-SUCH-BARCODE");
    }

    @Test
    void aCataloguerImportsAMarcFileAndReadsItsReport() throws Exception {
        Path file = files.resolve("new-books.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <collection xmlns="http://www.loc.gov/MARC21/slim">
                  <record>
                    <leader>00000nam a2200000 a 4500</leader>
                    <controlfield tag="001">BROWSER-0001</controlfield>
                    <datafield tag="100" ind1="1" ind2=" "><subfield code="a">鲁迅</subfield></datafield>
                    <datafield tag="245" ind1="1" ind2="0"><subfield code="a">朝花夕拾</subfield></datafield>
                    <datafield tag="260" ind1=" " ind2=" "><subfield code="b">人民文学出版社</subfield><subfield code="c">2019</subfield></datafield>
                  </record>
                  <record>
                    <leader>00000nam a2200000 a 4500</leader>
                    <controlfield tag="001">BROWSER-0002</controlfield>
                    <datafield tag="100" ind1="1" ind2=" "><subfield code="a">萧红</subfield></datafield>
                    <datafield tag="245" ind1="1" ind2="0"><subfield code="a">生死场</subfield></datafield>
                  </record>
                </collection>
                """, StandardCharsets.UTF_8);
        signIn("demo-central");
        browser.go("/staff/catalogue");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        new Select(browser.find("#duplicates")).selectByValue("KEEP");
        browser.click("#import-h ~ form button[type=submit]");
        assertThat(browser.waitForText("h1", "导入报告")).isEqualTo("导入报告");
        assertThat(browser.text("#import-status")).isEqualTo("完成");
        assertThat(browser.text("#import-created")).isEqualTo("2");
        assertThat(browser.text("#import-rejected")).isEqualTo("0");
        browser.screenshot("staff-import-report");

        // the new record is found (the index follows within a second), its class number given, a copy added
        for (int tries = 0; tries < 20; tries++) {
            browser.go("/staff/catalogue?q=" + java.net.URLEncoder.encode("朝花夕拾", StandardCharsets.UTF_8));
            if (!browser.driver().findElements(By.cssSelector("#records .title")).isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        browser.click("#records .title");
        assertThat(browser.find("#title").getAttribute("value")).isEqualTo("朝花夕拾");
        browser.type("#clcNumber", "I210.4");
        browser.type("#year", "2019");
        browser.click("#edit-h ~ form button[type=submit]");
        assertThat(browser.waitForText("#page-notice", "已保存")).isEqualTo("已保存。");

        browser.type("#barcodes", "BROWSER-C-0001");
        browser.click("#items-h ~ form button[type=submit]");
        assertThat(browser.waitForText("#page-notice", "已新增")).contains("I210.4/");
        assertThat(browser.text("#copies")).contains("BROWSER-C-0001", "在架");
        browser.click("#new-labels");
        List<String> tabs = List.copyOf(browser.driver().getWindowHandles());
        browser.driver().switchTo().window(tabs.get(tabs.size() - 1));
        assertThat(browser.text(".spine")).contains("I210.4", "BROWSER-C-0001");
        browser.screenshot("staff-spine-labels");
    }

    @Test
    void aLibraryManagerFindsTheirOwnReadersButNotAnotherMainLibrarys() throws Exception {
        signIn("demo-yian");
        browser.go("/staff/readers");
        browser.type("#q", "TL20000002");
        browser.click("form.scan button[type=submit]");
        assertThat(browser.text("#found")).contains("陈静");

        browser.type("#q", "TL20000001");
        browser.click("form.scan button[type=submit]");
        assertThat(browser.text("#page-error")).isNotBlank();
        assertThat(browser.driver().findElements(By.cssSelector("#found"))).isEmpty();

        browser.type("#q", "王");
        browser.click("form.scan button[type=submit]");
        assertThat(browser.text("main")).doesNotContain("王芳");
        browser.screenshot("staff-manager-scope");
    }

    @Test
    void theHomePageShowsTodaysFiguresForTheScopeWithAChart() throws Exception {
        signIn("demo-desk");
        browser.go("/staff");
        assertThat(browser.text("#fig-loans")).matches("\\d+");
        assertThat(browser.text("#fig-pull")).matches("\\d+");
        // ECharts drew the week into the chart's box
        browser.find("#week-chart canvas");
        browser.screenshot("staff-home");
    }

    private void signIn(String username) {
        browser.go("/login");
        browser.type("#username", username);
        browser.type("#password", "shuxiang-demo");
        browser.click("form button[type=submit]");
        browser.find("body.staff");
    }
}
