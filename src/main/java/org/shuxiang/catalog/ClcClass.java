package org.shuxiang.catalog;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The 22 top classes of the Chinese Library Classification (中国图书馆分类法, 中图法, 5th edition),
 * named by their letter. Every class number begins with one of them: I247.55 is a class I book.
 */
public enum ClcClass {
    A("马克思主义、列宁主义、毛泽东思想、邓小平理论", "Marxism, Leninism, Mao Zedong Thought, Deng Xiaoping Theory"),
    B("哲学、宗教", "Philosophy and religion"),
    C("社会科学总论", "Social sciences in general"),
    D("政治、法律", "Politics and law"),
    E("军事", "Military science"),
    F("经济", "Economics"),
    G("文化、科学、教育、体育", "Culture, science, education and sports"),
    H("语言、文字", "Languages and writing"),
    I("文学", "Literature"),
    J("艺术", "Arts"),
    K("历史、地理", "History and geography"),
    N("自然科学总论", "Natural sciences in general"),
    O("数理科学和化学", "Mathematics, physics and chemistry"),
    P("天文学、地球科学", "Astronomy and earth sciences"),
    Q("生物科学", "Biology"),
    R("医药、卫生", "Medicine and health"),
    S("农业科学", "Agriculture"),
    T("工业技术", "Industrial technology"),
    U("交通运输", "Transport"),
    V("航空、航天", "Aviation and spaceflight"),
    X("环境科学、安全科学", "Environmental science and safety science"),
    Z("综合性图书", "General works");

    // Only class T is divided by a second letter (TB … TV), so "TP312" is class T while "PS3553"
    // (a Library of Congress number in the wrong field) is not class P.
    private static final String T_SUBCLASSES = "BDEFGHJKLMNPQSUV";

    private final String chineseName;
    private final String englishName;

    ClcClass(String chineseName, String englishName) {
        this.chineseName = chineseName;
        this.englishName = englishName;
    }

    public String chineseName() {
        return chineseName;
    }

    public String englishName() {
        return englishName;
    }

    /**
     * The top class of a class number such as "I247.55", "TP312" or "K825.6=76"; empty when the
     * text does not begin like a 中图法 number.
     */
    public static Optional<ClcClass> ofClassNumber(String classNumber) {
        if (classNumber == null) {
            return Optional.empty();
        }
        // full-width letters and digits come from Chinese input methods
        String number = Normalizer.normalize(classNumber, Normalizer.Form.NFKC).strip().toUpperCase();
        if (number.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClcClass> top = letter(number.charAt(0));
        if (top.isEmpty() || number.length() == 1) {
            return top;
        }
        char next = number.charAt(1);
        // a class may be followed by a general subdivision straight away: "S-092", "I-53"
        boolean continues = Character.isDigit(next) || next == '-'
                || (top.get() == T && T_SUBCLASSES.indexOf(next) >= 0);
        return continues ? top : Optional.empty();
    }

    private static Optional<ClcClass> letter(char c) {
        for (ClcClass top : values()) {
            if (top.name().charAt(0) == c) {
                return Optional.of(top);
            }
        }
        return Optional.empty();
    }
}
