import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a synthetic catalogue as ISO 2709 CNMARC in UTF-8, shaped like the real records of
 * src/main/resources/demo/books.csv: titles built from the words of real titles, names from common
 * surnames and given names, real publishers and places, real CLC numbers with varied subdivisions,
 * valid ISBN-13s, subjects and a summary. Deterministic for a seed.
 *
 * <pre>java bench/CatalogGenerator.java OUT.mrc COUNT [SEED]</pre>
 */
public class CatalogGenerator {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯晨辰阳欣怡佳琪雪梅思远志文博海波建国永春晓燕慧颖天翔子轩梓涵雨萱";
    private static final String[] SUBJECTS = {"长篇小说", "中国", "当代", "历史", "儿童文学", "科学普及", "计算机",
            "经济管理", "中国文学", "散文集", "诗歌", "哲学", "教育", "医学", "农业技术", "法律", "地方志", "安徽",
            "铜陵", "阅读推广", "图书馆学", "心理学", "艺术", "音乐", "体育", "旅游", "烹饪", "家庭教育", "数学", "物理"};

    private record Source(String title, String publisher, String place, String clc, boolean children) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 42);
        List<Source> sources = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/demo/books.csv"), StandardCharsets.UTF_8)
                .subList(1, Files.readAllLines(Path.of("src/main/resources/demo/books.csv")).size())) {
            String[] f = line.split(",", -1);
            sources.add(new Source(f[1], f[4], f[5], f[7], "children".equals(f[8])));
            for (String part : f[1].split("[（）()：:·，、\\s]+")) {
                if (part.length() >= 2 && part.length() <= 6) {
                    words.add(part);
                }
            }
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int n = 1; n <= count; n++) {
                Source s = sources.get(random.nextInt(sources.size()));
                String title = title(random, words);
                String author = name(random);
                int year = 1980 + random.nextInt(47);
                String clc = s.clc() + (random.nextInt(3) == 0 ? "" : Integer.toString(random.nextInt(10)));
                file.write(record(n, isbn(random), title, author, s.publisher(), s.place(), year, clc, s.children(),
                        SUBJECTS[random.nextInt(SUBJECTS.length)], SUBJECTS[random.nextInt(SUBJECTS.length)]));
            }
        }
    }

    private static String title(Random random, List<String> words) {
        Set<String> parts = new LinkedHashSet<>();
        int n = 1 + random.nextInt(3);
        while (parts.size() < n) {
            parts.add(words.get(random.nextInt(words.size())));
        }
        return String.join("", parts);
    }

    private static String name(Random random) {
        String name = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int length = 1 + random.nextInt(2);
        for (int i = 0; i < length; i++) {
            name += GIVEN.charAt(random.nextInt(GIVEN.length()));
        }
        return name;
    }

    private static String isbn(Random random) {
        String body = "9787" + String.format("%08d", random.nextInt(100_000_000));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }

    private static byte[] record(int n, String isbn, String title, String author, String publisher, String place,
                                 int year, String clc, boolean children, String subject1, String subject2) {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"001", String.format("GEN%09d", n)});
        fields.add(new String[] {"010", "  \u001Fa" + isbn + "\u001FdCNY" + (20 + n % 80) + ".00"});
        fields.add(new String[] {"100", "  \u001Fa" + "20261127d" + year + "    " + (children ? "c  " : "m  ")
                + "y0chiy50      ea"});
        fields.add(new String[] {"101", "0 \u001Fachi"});
        fields.add(new String[] {"200", "1 \u001Fa" + title + "\u001Ff" + author + "著"});
        fields.add(new String[] {"210", "  \u001Fa" + place + "\u001Fc" + publisher + "\u001Fd" + year});
        fields.add(new String[] {"215", "  \u001Fa" + (100 + n % 400) + "页\u001Fd21cm"});
        fields.add(new String[] {"330", "  \u001Fa本书" + title + "是" + author + "的作品，内容涉及" + subject1 + "与" + subject2 + "。"});
        fields.add(new String[] {"606", "0 \u001Fa" + subject1 + "\u001Fj" + subject2});
        fields.add(new String[] {"690", "  \u001Fa" + clc + "\u001Fv5"});
        fields.add(new String[] {"701", " 0\u001Fa" + author + "\u001F4070"});
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String[] field : fields) {
            byte[] bytes = (field[1] + "\u001E").getBytes(StandardCharsets.UTF_8);
            directory.writeBytes(String.format("%s%04d%05d", field[0], bytes.length, data.size())
                    .getBytes(StandardCharsets.US_ASCII));
            data.writeBytes(bytes);
        }
        directory.write(0x1E);
        int base = 24 + directory.size();
        int length = base + data.size() + 1;
        String leader = String.format("%05dnam0 22%05d   450 ", length, base);
        ByteArrayOutputStream record = new ByteArrayOutputStream(length);
        record.writeBytes(leader.getBytes(StandardCharsets.US_ASCII));
        record.writeBytes(directory.toByteArray());
        record.writeBytes(data.toByteArray());
        record.write(0x1D);
        return record.toByteArray();
    }
}
