package org.shuxiang;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class ShuxiangApplication {

    /** Commands run without the web server and exit: {@code import FILE} (see the README). */
    static final String IMPORT_COMMAND = "import";

    public static void main(String[] args) {
        boolean command = args.length > 0 && Arrays.asList(IMPORT_COMMAND).contains(args[0]);
        SpringApplicationBuilder application = new SpringApplicationBuilder(ShuxiangApplication.class);
        if (!command) {
            application.run(args);
            return;
        }
        ConfigurableApplicationContext context = application.web(WebApplicationType.NONE).run(args);
        System.exit(SpringApplication.exit(context));
    }
}
