package org.shuxiang.catalog.marc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.catalog.ClcClass;
import org.shuxiang.catalog.Isbn;
import org.shuxiang.catalog.marc.BibliographicFields.Name;
import org.shuxiang.catalog.marc.MarcRecord.ControlField;
import org.shuxiang.catalog.marc.MarcRecord.DataField;
import org.shuxiang.catalog.marc.MarcRecord.Field;
import org.shuxiang.catalog.marc.MarcRecord.Subfield;

/**
 * Records are written here as cataloguing clients show them, subfields after a double dagger
 * (‡a…), since MARC21 prices carry dollar signs. Uppercase subfield codes in CNMARC hold pinyin.
 */
class FieldMappingTest {

    // 《三体》 as a Chinese public library catalogues it
    private static final MarcRecord THREE_BODY = new MarcRecord("01050nam0 2200289   450 ", List.of(
            new ControlField("001", "012008056321"),
            new ControlField("005", "20080601093000.0"),
            field("010", "  ", "‡a978-7-5366-9293-0‡dCNY23.00"),
            field("100", "  ", "‡a20080601d2008    em y0chiy50      ea"),
            field("101", "0 ", "‡achi"),
            field("102", "  ", "‡aCN‡b500000"),
            field("105", "  ", "‡ay   z   000yy"),
            field("106", "  ", "‡ar"),
            field("200", "1 ", "‡a三体‡Asan ti‡f刘慈欣著‡Fliu ci xin zhu"),
            field("210", "  ", "‡a重庆‡c重庆出版社‡d2008"),
            field("215", "  ", "‡a302页‡d21cm"),
            field("225", "2 ", "‡a中国科幻基石丛书‡Azhong guo ke huan ji shi cong shu"),
            field("330", "  ", "‡a文化大革命期间，军方探寻外星文明的绝秘计划“红岸工程”取得突破，"
                    + "人类向宇宙发出的信号引来了三体文明的回应。"),
            field("410", " 0", "‡12001 ‡a中国科幻基石丛书"),
            field("606", "0 ", "‡a科学幻想小说‡Ake xue huan xiang xiao shuo‡y中国‡z当代"),
            field("690", "  ", "‡aI247.55‡v5"),
            field("701", " 0", "‡a刘慈欣‡Aliu ci xin‡4著"),
            field("801", " 0", "‡aCN‡b重庆‡c20080601")));

    // the fifth record of the BNU sample (bnu-cnmarc-5.xml), holdings fields left out
    private static final MarcRecord CHINA_DEVELOPMENT_REPORT_1997 = new MarcRecord("01518nam0 2200385   4500", List.of(
            new ControlField("001", "990001379280203961"),
            field("010", "  ", "‡a7-5037-2623-7‡dCNY赠90.00"),
            field("100", "  ", "‡a19980926d1997    ekmy0chiy0120    ea"),
            field("101", "0 ", "‡achi"),
            field("200", "1 ", "‡a'97中国发展报告‡A'97 Zhong Guo Fa Zhan Bao Gao‡f国家统计局编‡FGuo Jia Tong Ji Ju Bian"),
            field("210", "  ", "‡a北京‡c中国统计出版社‡d1997"),
            field("215", "  ", "‡a393页‡d27x21cm"),
            field("312", "  ", "‡a封面英文题名:China Development Report。"),
            field("510", "1 ", "‡aChina Development Report‡zeng"),
            field("606", "0 ", "‡a经济发展‡y中国‡z1997‡Ajingji fazhan"),
            field("606", "0 ", "‡a社会发展‡y中国‡z1997‡Ashehui fazhan"),
            field("692", "  ", "‡a28.2‡v3"),
            field("690", "  ", "‡aF124‡v3"),
            field("711", "02", "‡a国家统计局‡AGuo Jia Tong Ji Ju‡4编")));

    // Library of Congress, 12883376 (summerland.mrc from the pymarc test suite)
    private static final MarcRecord SUMMERLAND = new MarcRecord("00714cam a2200205 a 4500", List.of(
            new ControlField("001", "12883376"),
            new ControlField("005", "20030616111422.0"),
            new ControlField("008", "020805s2002    nyu    j      000 1 eng  "),
            field("020", "  ", "‡a0786808772"),
            field("020", "  ", "‡a0786816155 (pbk.)"),
            field("040", "  ", "‡aDLC‡cDLC‡dDLC"),
            field("100", "1 ", "‡aChabon, Michael."),
            field("245", "10", "‡aSummerland /‡cMichael Chabon."),
            field("250", "  ", "‡a1st ed."),
            field("260", "  ", "‡aNew York :‡bMiramax Books/Hyperion Books for Children,‡cc2002."),
            field("300", "  ", "‡a500 p. ;‡c22 cm."),
            field("520", "  ", "‡aEthan Feld, the worst baseball player in the history of the game, finds himself "
                    + "recruited by a 100-year-old scout to help a band of fairies triumph over an ancient enemy."),
            field("650", " 1", "‡aFantasy."),
            field("650", " 1", "‡aBaseball‡vFiction."),
            field("650", " 1", "‡aMagic‡vFiction.")));

    @Test
    void a_cnmarc_record_of_a_chinese_novel_gives_every_field() {
        BibliographicFields fields = FieldMapping.map(THREE_BODY, MarcFlavour.CNMARC);

        assertThat(fields.title()).isEqualTo("三体");
        assertThat(fields.parallelTitles()).isEmpty();
        assertThat(fields.responsibility()).isEqualTo("刘慈欣著");
        assertThat(fields.names()).containsExactly(new Name("刘慈欣", "著"));
        assertThat(fields.publisher()).isEqualTo("重庆出版社");
        assertThat(fields.place()).isEqualTo("重庆");
        assertThat(fields.year()).isEqualTo(2008);
        assertThat(fields.edition()).isNull();
        assertThat(fields.isbns()).containsExactly(new Isbn("9787536692930"));
        assertThat(fields.invalidIsbns()).isEmpty();
        assertThat(fields.price()).isEqualTo("CNY23.00");
        assertThat(fields.pages()).isEqualTo("302页");
        assertThat(fields.series()).containsExactly("中国科幻基石丛书");
        assertThat(fields.subjects()).containsExactly("科学幻想小说");
        assertThat(fields.clcNumber()).isEqualTo("I247.55");
        assertThat(fields.clcClass()).contains(ClcClass.I);
        assertThat(fields.summary()).startsWith("文化大革命期间").endsWith("三体文明的回应。");
        assertThat(fields.language()).isEqualTo("chi");
        assertThat(fields.audience()).isEqualTo("em");
    }

    @Test
    void a_real_cnmarc_record_gives_its_parallel_title_both_subjects_and_corporate_author() {
        BibliographicFields fields = FieldMapping.map(CHINA_DEVELOPMENT_REPORT_1997, MarcFlavour.CNMARC);

        assertThat(fields.title()).isEqualTo("'97中国发展报告");
        assertThat(fields.parallelTitles()).containsExactly("China Development Report");
        assertThat(fields.responsibility()).isEqualTo("国家统计局编");
        assertThat(fields.names()).containsExactly(new Name("国家统计局", "编"));
        assertThat(fields.publisher()).isEqualTo("中国统计出版社");
        assertThat(fields.place()).isEqualTo("北京");
        assertThat(fields.year()).isEqualTo(1997);
        assertThat(fields.edition()).isNull();
        assertThat(fields.isbns()).containsExactly(new Isbn("9787503726231"));
        assertThat(fields.invalidIsbns()).isEmpty();
        assertThat(fields.price()).isEqualTo("CNY赠90.00");
        assertThat(fields.pages()).isEqualTo("393页");
        assertThat(fields.series()).isEmpty();
        assertThat(fields.subjects()).containsExactly("经济发展", "社会发展");
        assertThat(fields.clcNumber()).isEqualTo("F124");
        assertThat(fields.summary()).isNull();
        assertThat(fields.language()).isEqualTo("chi");
        assertThat(fields.audience()).isEqualTo("ekm");
    }

    @Test
    void without_a_relator_a_role_is_read_from_the_statement_of_responsibility() {
        // 《百年孤独》, 南海出版公司 2011
        MarcRecord solitude = cnmarc(
                field("010", "  ", "‡a978-7-5442-5399-4‡dCNY39.50"),
                field("200", "1 ", "‡a百年孤独‡dCien años de soledad‡f(哥伦比亚)加西亚·马尔克斯著‡g范晔译"),
                field("210", "  ", "‡a海口‡c南海出版公司‡d2011.6"),
                field("701", " 0", "‡a加西亚·马尔克斯"),
                field("702", " 0", "‡a范晔"));

        BibliographicFields fields = FieldMapping.map(solitude, MarcFlavour.CNMARC);

        assertThat(fields.responsibility()).isEqualTo("(哥伦比亚)加西亚·马尔克斯著 ; 范晔译");
        assertThat(fields.names()).containsExactly(new Name("加西亚·马尔克斯", "著"), new Name("范晔", "译"));
        assertThat(fields.parallelTitles()).containsExactly("Cien años de soledad");
        assertThat(fields.year()).isEqualTo(2011);
    }

    @Test
    void an_edition_a_body_with_its_subdivisions_and_a_relator_given_as_text_are_read() {
        // 《现代汉语词典》 第7版
        MarcRecord dictionary = cnmarc(
                field("010", "  ", "‡a978-7-100-12450-8‡dCNY109.90"),
                field("200", "1 ", "‡a现代汉语词典‡f中国社会科学院语言研究所词典编辑室编"),
                field("205", "  ", "‡a第7版"),
                field("210", "  ", "‡a北京‡c商务印书馆‡d2016"),
                field("690", "  ", "‡aH164‡v5"),
                field("711", "02", "‡a中国社会科学院‡b语言研究所‡b词典编辑室‡4编"));

        BibliographicFields fields = FieldMapping.map(dictionary, MarcFlavour.CNMARC);

        assertThat(fields.edition()).isEqualTo("第7版");
        assertThat(fields.names()).containsExactly(new Name("中国社会科学院. 语言研究所. 词典编辑室", "编"));
        assertThat(fields.clcClass()).contains(ClcClass.H);
    }

    @Test
    void a_unimarc_record_gives_names_with_forenames_codes_as_roles_and_series_from_410() {
        // ICCU (Italy), IT\ICCU\ANA\0019370 (pymarc's UNIMARC test record), copy locations left out
        MarcRecord asimov = new MarcRecord("02498nam0 22007213i 4500", List.of(
                new ControlField("001", "IT\\ICCU\\ANA\\0019370"),
                field("010", "  ", "‡a88-04-40682-8"),
                field("100", "  ", "‡a19961119d1996    ||||0itac50      ba"),
                field("101", "  ", "‡aita"),
                field("200", "1 ", "‡aL'altra faccia della spirale‡fIsaac Asimov‡gtraduzione di Cesare Scaglia"
                        + "‡gintroduzione di Fruttero & Lucentini"),
                field("210", "  ", "‡aMilano‡cA. Mondadori‡d1996"),
                field("215", "  ", "‡aV, 201 p.‡d20 cm."),
                field("410", " 0", "‡1001IT\\ICCU\\CFI\\0012751‡12001 ‡aBestsellers‡v641"),
                field("410", " 0", "‡1001IT\\ICCU\\RMS\\1881044‡12001 ‡aIl ciclo delle fondazioni‡fIsaac Asimov‡v4"),
                field("700", " 1", "‡aAsimov‡b, Isaac‡3IT\\ICCU\\CFIV\\007327‡4070"),
                field("702", " 1", "‡aScaglia‡b, Cesare‡3IT\\ICCU\\RAVV\\003503")));

        BibliographicFields fields = FieldMapping.map(asimov);

        assertThat(fields.title()).isEqualTo("L'altra faccia della spirale");
        assertThat(fields.responsibility())
                .isEqualTo("Isaac Asimov ; traduzione di Cesare Scaglia ; introduzione di Fruttero & Lucentini");
        assertThat(fields.names()).containsExactly(new Name("Asimov, Isaac", "070"), new Name("Scaglia, Cesare", null));
        assertThat(fields.publisher()).isEqualTo("A. Mondadori");
        assertThat(fields.isbns()).containsExactly(new Isbn("9788804406822"));
        assertThat(fields.pages()).isEqualTo("V, 201 p.");
        assertThat(fields.series()).containsExactly("Bestsellers", "Il ciclo delle fondazioni");
        assertThat(fields.language()).isEqualTo("ita");
        assertThat(fields.audience()).isNull();
    }

    @Test
    void a_title_in_parts_is_joined_as_isbd_writes_it() {
        MarcRecord darkForest = cnmarc(field("200", "1 ", "‡a三体‡hⅡ‡i黑暗森林‡f刘慈欣著"));

        assertThat(FieldMapping.map(darkForest, MarcFlavour.CNMARC).title()).isEqualTo("三体. Ⅱ, 黑暗森林");
    }

    @Test
    void an_isbn_with_a_wrong_check_digit_is_kept_apart_as_written() {
        MarcRecord mistyped = cnmarc(
                field("010", "  ", "‡a7-5366-9293-7‡dCNY23.00"),
                field("010", "  ", "‡a7-5366-9293-5"),
                field("010", "  ", "‡a978-7-5366-9293-0"));

        BibliographicFields fields = FieldMapping.map(mistyped, MarcFlavour.CNMARC);

        assertThat(fields.isbns()).containsExactly(new Isbn("9787536692930"));
        assertThat(fields.invalidIsbns()).containsExactly("7-5366-9293-7");
    }

    @Test
    void a_library_of_congress_record_gives_every_field() {
        BibliographicFields fields = FieldMapping.map(SUMMERLAND, MarcFlavour.MARC21);

        assertThat(fields.title()).isEqualTo("Summerland");
        assertThat(fields.parallelTitles()).isEmpty();
        assertThat(fields.responsibility()).isEqualTo("Michael Chabon");
        assertThat(fields.names()).containsExactly(new Name("Chabon, Michael", null));
        assertThat(fields.publisher()).isEqualTo("Miramax Books/Hyperion Books for Children");
        assertThat(fields.place()).isEqualTo("New York");
        assertThat(fields.year()).isEqualTo(2002);
        assertThat(fields.edition()).isEqualTo("1st ed.");
        assertThat(fields.isbns()).containsExactly(new Isbn("9780786808779"), new Isbn("9780786816156"));
        assertThat(fields.invalidIsbns()).isEmpty();
        assertThat(fields.price()).isNull();
        assertThat(fields.pages()).isEqualTo("500 p.");
        assertThat(fields.series()).isEmpty();
        assertThat(fields.subjects()).containsExactly("Fantasy", "Baseball", "Magic");
        assertThat(fields.clcNumber()).isNull();
        assertThat(fields.clcClass()).isEmpty();
        assertThat(fields.summary()).startsWith("Ethan Feld, the worst baseball player").endsWith("an ancient enemy.");
        assertThat(fields.language()).isEqualTo("eng");
        assertThat(fields.audience()).isEqualTo("j");
    }

    @Test
    void a_marc21_subtitle_follows_the_title_and_place_subjects_count_as_subjects() {
        // Library of Congress, 11939876 (chabon.mrc from the pymarc test suite)
        MarcRecord kavalierAndClay = new MarcRecord("00759cam a2200229 a 4500", List.of(
                new ControlField("008", "000313s2000    nyu           000 1 eng  "),
                field("020", "  ", "‡a0679450041 (acid-free paper)"),
                field("100", "1 ", "‡aChabon, Michael."),
                field("245", "14", "‡aThe amazing adventures of Kavalier and Clay :‡ba novel /‡cMichael Chabon."),
                field("260", "  ", "‡aNew York :‡bRandom House,‡cc2000."),
                field("300", "  ", "‡a639 p. ;‡c25 cm."),
                field("650", " 0", "‡aComic books, strips, etc.‡xAuthorship‡vFiction."),
                field("650", " 0", "‡aHeroes in mass media‡vFiction."),
                field("651", " 0", "‡aNew York (N.Y.)‡vFiction."),
                field("655", " 7", "‡aBildungsromane.‡2gsafd")));

        BibliographicFields fields = FieldMapping.map(kavalierAndClay);

        assertThat(fields.title()).isEqualTo("The amazing adventures of Kavalier and Clay : a novel");
        assertThat(fields.isbns()).containsExactly(new Isbn("9780679450047"));
        assertThat(fields.subjects()).containsExactly("Comic books, strips, etc.", "Heroes in mass media", "New York (N.Y.)");
        assertThat(fields.audience()).isNull();
    }

    @Test
    void an_older_marc21_record_keeps_initials_and_abbreviations_and_reads_series_from_440() {
        // OCLC ocm25104511 (Evergreen's badisbns.xml): Le Guin, The farthest shore
        MarcRecord farthestShore = new MarcRecord("00882cam a2200277Ma 4500", List.of(
                new ControlField("008", "830627t19751972onca          000 1 eng d"),
                field("020", "  ", "‡z0553101315175"),
                field("020", "  ", "‡a0553204300"),
                field("020", "  ", "‡a0553268473 (pbk.) :‡c$6.99"),
                field("100", "1 ", "‡aLe Guin, Ursula K.,‡d1929-"),
                field("245", "14", "‡aThe farthest shore /‡cUrsula K. Le Guin ; illustrated by Gail Garraty."),
                field("250", "  ", "‡aBantam ed."),
                field("260", "  ", "‡aToronto [Ont.] ;‡aNew York, N.Y. :‡bBantam Books,‡c1975, c1972."),
                field("300", "  ", "‡a197 p. :‡bill. ;‡c18 cm."),
                field("440", " 0", "‡aEarthsea trilogy ; Bk. 3."),
                field("490", "0 ", "‡aA Bantam book.‡v10131-5"),
                field("830", "  ", "‡aEarthsea trilogy ; Bk. 3.")));

        BibliographicFields fields = FieldMapping.map(farthestShore);

        assertThat(fields.names()).containsExactly(new Name("Le Guin, Ursula K.", null));
        assertThat(fields.responsibility()).isEqualTo("Ursula K. Le Guin ; illustrated by Gail Garraty");
        assertThat(fields.edition()).isEqualTo("Bantam ed.");
        assertThat(fields.place()).isEqualTo("Toronto [Ont.] ; New York, N.Y.");
        assertThat(fields.publisher()).isEqualTo("Bantam Books");
        assertThat(fields.year()).isEqualTo(1975);
        assertThat(fields.isbns()).containsExactly(new Isbn("9780553204308"), new Isbn("9780553268478"));
        assertThat(fields.invalidIsbns()).isEmpty();
        assertThat(fields.price()).isEqualTo("$6.99");
        assertThat(fields.pages()).isEqualTo("197 p.");
        assertThat(fields.series()).containsExactly("Earthsea trilogy ; Bk. 3", "A Bantam book");
    }

    @Test
    void a_current_marc21_record_reads_publication_from_264_and_the_clc_number_from_084() {
        // the English translation of 《三体》, as a Chinese library would catalogue it in RDA
        MarcRecord threeBodyInEnglish = new MarcRecord("01200cam a2200300 i 4500", List.of(
                new ControlField("008", "140423s2014    nyu           000 1|eng  "),
                field("020", "  ", "‡a9780765377067‡qhardcover‡cUSD25.99"),
                field("041", "1 ", "‡aeng‡hchi"),
                field("084", "  ", "‡aFIC028000‡2bisacsh"),
                field("084", "  ", "‡aI247.55‡2clc"),
                field("100", "1 ", "‡aLiu, Cixin,‡eauthor."),
                field("245", "14", "‡aThe three-body problem /‡cCixin Liu ; translated by Ken Liu."),
                field("246", "3 ", "‡aSan ti"),
                field("250", "  ", "‡aFirst edition."),
                field("264", " 1", "‡aNew York :‡bTor,‡c2014."),
                field("264", " 4", "‡c©2014"),
                field("300", "  ", "‡a399 pages ;‡c25 cm"),
                field("490", "1 ", "‡aRemembrance of Earth's past ;‡v1"),
                field("650", " 0", "‡aScience fiction, Chinese‡vTranslations into English."),
                field("700", "1 ", "‡aLiu, Ken,‡d1976-‡etranslator."),
                field("830", " 0", "‡aRemembrance of Earth's past ;‡v1.")));

        BibliographicFields fields = FieldMapping.map(threeBodyInEnglish);

        assertThat(fields.title()).isEqualTo("The three-body problem");
        assertThat(fields.parallelTitles()).containsExactly("San ti");
        assertThat(fields.names()).containsExactly(new Name("Liu, Cixin", "author"), new Name("Liu, Ken", "translator"));
        assertThat(fields.edition()).isEqualTo("First edition");
        assertThat(fields.place()).isEqualTo("New York");
        assertThat(fields.publisher()).isEqualTo("Tor");
        assertThat(fields.year()).isEqualTo(2014);
        assertThat(fields.price()).isEqualTo("USD25.99");
        assertThat(fields.pages()).isEqualTo("399 pages");
        assertThat(fields.series()).containsExactly("Remembrance of Earth's past");
        assertThat(fields.clcNumber()).isEqualTo("I247.55");
        assertThat(fields.language()).isEqualTo("eng");
        // 008/22 is blank: the record gives no audience
        assertThat(fields.audience()).isNull();
    }

    @Test
    void a_publication_statement_split_over_two_fields_is_read_from_both() {
        // a real record from Evergreen's FSL.marc, as the library exported it
        MarcRecord memoirs = new MarcRecord("00681nam  2200169 u 4500", List.of(
                new ControlField("008", "070529s1989    |||     r     000 0 rus d"),
                field("041", "0 ", "‡arus"),
                field("100", "1 ", "‡aВершигора, Петр Петрович"),
                field("245", "10", "‡aЛюди с чистой совестью :‡b[Воспоминания] /‡cП. Вершигора; Ил. И.И. Пчелко."),
                field("260", "##", "‡aМосква :."),
                field("260", "##", "‡bПравда,‡c1989."),
                field("300", "  ", "‡a750 с. :‡bил."),
                field("700", "1 ", "‡aПчелко, И.И.‡eил.‡4ill")));

        BibliographicFields fields = FieldMapping.map(memoirs);

        assertThat(fields.title()).isEqualTo("Люди с чистой совестью : [Воспоминания]");
        assertThat(fields.place()).isEqualTo("Москва");
        assertThat(fields.publisher()).isEqualTo("Правда");
        assertThat(fields.year()).isEqualTo(1989);
        assertThat(fields.language()).isEqualTo("rus");
    }

    @Test
    void a_copyright_date_stands_in_for_an_unknown_date_of_publication() {
        MarcRecord undated = new MarcRecord("00300cam a2200100 i 4500", List.of(
                field("245", "10", "‡aSan ti."),
                field("264", " 1", "‡aNew York :‡bTor,‡c[date of publication not identified]"),
                field("264", " 4", "‡c©2014")));

        assertThat(FieldMapping.map(undated).year()).isEqualTo(2014);
    }

    @Test
    void the_area_dashes_of_older_isbd_records_are_trimmed() {
        // MVLC mrq00459563 (Evergreen's badisbns.xml)
        MarcRecord midnightGarden = new MarcRecord("00684nam a22002410i 4500", List.of(
                field("245", "10", "‡aTom's midnight garden /‡cby A. Philippa Pearce ; illustrated by Susan Linzig. --."),
                field("300", "  ", "‡a229 p. :‡bill. --")));

        BibliographicFields fields = FieldMapping.map(midnightGarden, MarcFlavour.MARC21);

        assertThat(fields.responsibility()).isEqualTo("by A. Philippa Pearce ; illustrated by Susan Linzig");
        assertThat(fields.pages()).isEqualTo("229 p.");
    }

    @Test
    void marc21_falls_back_to_the_language_in_041_and_to_any_084_when_none_says_clc() {
        MarcRecord sparse = new MarcRecord("00300cam a2200100 i 4500", List.of(
                new ControlField("008", "140423s2014    nyu           000 1|||| d"),
                field("041", "0 ", "‡achi"),
                field("084", "  ", "‡aI247.55"),
                field("245", "10", "‡aSan ti.")));

        BibliographicFields fields = FieldMapping.map(sparse);

        assertThat(fields.title()).isEqualTo("San ti");
        assertThat(fields.language()).isEqualTo("chi");
        assertThat(fields.clcNumber()).isEqualTo("I247.55");
    }

    @Test
    void a_record_with_field_200_is_cnmarc_and_one_with_245_is_marc21() {
        assertThat(MarcFlavour.detect(THREE_BODY)).isEqualTo(MarcFlavour.CNMARC);
        assertThat(MarcFlavour.detect(CHINA_DEVELOPMENT_REPORT_1997)).isEqualTo(MarcFlavour.CNMARC);
        assertThat(MarcFlavour.detect(SUMMERLAND)).isEqualTo(MarcFlavour.MARC21);
    }

    @Test
    void the_fields_decide_the_flavour_even_against_a_marc21_looking_leader() {
        MarcRecord cnmarcWithMarc21Leader = new MarcRecord("00714cam a2200205 a 4500", THREE_BODY.fields());

        assertThat(MarcFlavour.detect(cnmarcWithMarc21Leader)).isEqualTo(MarcFlavour.CNMARC);
    }

    @Test
    void without_a_title_field_processing_data_in_100_says_cnmarc_and_an_008_says_marc21() {
        MarcRecord processingDataOnly = cnmarc(field("100", "  ", "‡a20080601d2008    em y0chiy50      ea"));
        MarcRecord authorAnd008 = new MarcRecord("00300cam a2200100 a 4500", List.of(
                new ControlField("008", "020805s2002    nyu    j      000 1 eng  "),
                field("100", "1 ", "‡aChabon, Michael.")));

        assertThat(MarcFlavour.detect(processingDataOnly)).isEqualTo(MarcFlavour.CNMARC);
        assertThat(MarcFlavour.detect(authorAnd008)).isEqualTo(MarcFlavour.MARC21);
    }

    @Test
    void with_no_field_evidence_the_leader_decides() {
        assertThat(MarcFlavour.detect(new MarcRecord("00100nam0 2200049   450 ", List.of())))
                .isEqualTo(MarcFlavour.CNMARC);
        assertThat(MarcFlavour.detect(new MarcRecord("00100nam a2200049 a 4500", List.of())))
                .isEqualTo(MarcFlavour.MARC21);
    }

    @Test
    void an_empty_record_maps_to_nulls_and_empty_lists() {
        BibliographicFields fields = FieldMapping.map(cnmarc(), MarcFlavour.CNMARC);

        assertThat(fields.title()).isNull();
        assertThat(fields.year()).isNull();
        assertThat(fields.names()).isEmpty();
        assertThat(fields.isbns()).isEmpty();
        assertThat(fields.audience()).isNull();
        assertThat(FieldMapping.map(cnmarc(), MarcFlavour.MARC21).title()).isNull();
    }

    private static MarcRecord cnmarc(Field... fields) {
        return new MarcRecord("00000nam0 2200000   450 ", List.of(fields));
    }

    /** A data field from its indicators and subfields written "‡acode value‡b…". */
    private static DataField field(String tag, String indicators, String subfields) {
        List<Subfield> parsed = new ArrayList<>();
        for (String part : subfields.split("‡")) {
            if (!part.isEmpty()) {
                parsed.add(new Subfield(part.charAt(0), part.substring(1)));
            }
        }
        return new DataField(tag, indicators.charAt(0), indicators.charAt(1), parsed);
    }
}
