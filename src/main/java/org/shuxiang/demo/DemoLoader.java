package org.shuxiang.demo;

import java.util.List;

import org.shuxiang.network.ManagingOrgUnits;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Grant;
import org.shuxiang.platform.Role;
import org.shuxiang.platform.staff.ManagingStaff;
import org.shuxiang.selfservice.DeviceKind;
import org.shuxiang.selfservice.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code --demo}: loads the demo network and its staff accounts once, through the same use cases as
 * the API (so every rule holds and the audit log shows it), in one transaction.
 */
@Component
@Order(10)
class DemoLoader implements ApplicationRunner {

    static final String PASSWORD = "shuxiang-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    /** The demo staff accounts, as the README lists them. */
    static final List<DemoStaff> STAFF = List.of(
            new DemoStaff("demo-admin", "演示管理员 Demo administrator", Grant.wholeNetwork(Role.ADMINISTRATOR)),
            new DemoStaff("demo-central", "中心馆馆员 Central library manager",
                    Grant.on(Role.NETWORK_MANAGER, DemoNetwork.ROOT)),
            new DemoStaff("demo-yian", "义安区图书馆馆长 Yi'an library manager", Grant.on(Role.LIBRARY_MANAGER, "YAQ")),
            new DemoStaff("demo-desk", "天井湖分馆流通馆员 Tianjinghu circulation desk",
                    Grant.on(Role.CIRCULATION_STAFF, "TGQ-B01")),
            new DemoStaff("demo-wenyue", "文悦公司馆员 Wenyue operator staff",
                    new Grant(Role.OPERATOR_STAFF, "JQ", "OP-WENYUE")),
            new DemoStaff("demo-auditor", "绩效考评员 Evaluation auditor", Grant.on(Role.AUDITOR, DemoNetwork.ROOT)));

    record DemoStaff(String username, String displayName, Grant grant) {
    }

    private final DemoCatalogueLoader catalogue;
    private final DemoReaders readers;
    private final Environment environment;
    private final OrgUnits units;
    private final ManagingOrgUnits managing;
    private final ManagingStaff staff;
    private final AccessControl access;
    private final TransactionTemplate transactions;
    private final org.shuxiang.selfservice.Sip2Accounts sip2;
    private final Devices devices;

    /** The demo's SIP2 machine: a self-check kiosk at a 24-hour library (its institution id is the unit code). */
    static final String KIOSK_LOGIN = "demo-kiosk";
    static final String KIOSK_UNIT = "TL-24H-01";

    /** The demo's devices: the kiosk's own entry, the door of its 24-hour library, a card-issuing machine. */
    static final String KIOSK_DEVICE = "TL-24H-01-SSL";
    static final String GATE_DEVICE = "TL-24H-01-GATE";
    static final String REG_DEVICE = "TLLIB-REG-01";

    /**
     * Keys are shown once, so each start of the demo gives its devices new ones and prints them: a device
     * API client (or curl) can use them at once.
     */
    private void demoDeviceKeys() {
        for (String code : List.of(GATE_DEVICE, REG_DEVICE, KIOSK_DEVICE)) {
            if (devices.exists(code)) {
                Devices.Registered device = devices.newKey(code);
                log.info("Demo device {} ({}, {} at {}): API key {}", code, device.device().name(),
                        device.device().kind(), device.device().unitCode(), device.apiKey());
            }
        }
    }

    DemoLoader(Environment environment, OrgUnits units, ManagingOrgUnits managing, ManagingStaff staff,
               AccessControl access, TransactionTemplate transactions, DemoCatalogueLoader catalogue,
               DemoReaders readers, org.shuxiang.selfservice.Sip2Accounts sip2, Devices devices) {
        this.sip2 = sip2;
        this.devices = devices;
        this.catalogue = catalogue;
        this.readers = readers;
        this.environment = environment;
        this.units = units;
        this.managing = managing;
        this.staff = staff;
        this.access = access;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo") && !environment.getProperty("shuxiang.demo", Boolean.class, false)) {
            return;
        }
        access.asSystem("demo-loader", () -> {
            transactions.executeWithoutResult(status -> load());
            return null;
        });
    }

    private void load() {
        if (units.find(DemoNetwork.ROOT).isPresent()) {
            log.info("The demo network is already loaded");
            demoDeviceKeys();
            return;
        }
        DemoNetwork.operators().forEach(managing::addOperator);
        List<OrgUnit> demoUnits = DemoNetwork.units();
        demoUnits.forEach(managing::create);
        for (DemoStaff account : STAFF) {
            if (!staff.exists(account.username())) {
                staff.create(account.username(), account.displayName(), PASSWORD, List.of(account.grant()));
            }
        }
        log.info("Loaded the demo network: {} units; staff accounts {} (password {})", demoUnits.size(),
                STAFF.stream().map(DemoStaff::username).toList(), PASSWORD);
        sip2.save(KIOSK_LOGIN, PASSWORD, KIOSK_UNIT, "UTF-8", true, "zh-CN");
        log.info("Demo SIP2 kiosk: login {} password {} at {} (institution id {})", KIOSK_LOGIN, PASSWORD, KIOSK_UNIT,
                KIOSK_UNIT);
        devices.register(KIOSK_DEVICE, DeviceKind.SSL, "24 小时自助图书馆借还机 24-hour library kiosk", KIOSK_UNIT,
                KIOSK_LOGIN);
        devices.register(GATE_DEVICE, DeviceKind.POR, "24 小时自助图书馆门禁 24-hour library gate", KIOSK_UNIT, null);
        devices.register(REG_DEVICE, DeviceKind.REG, "自助办证机 Card-issuing machine", DemoNetwork.ROOT, null);
        demoDeviceKeys();
        if (environment.getProperty("shuxiang.demo-catalogue", Boolean.class, true)) {
            catalogue.load(demoUnits.stream().filter(u -> u.services().lends()).map(OrgUnit::code).sorted().toList());
            readers.load();
        }
    }
}
