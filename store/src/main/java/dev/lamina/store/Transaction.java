package dev.lamina.store;

/** The repositories, bound to one open transaction. Valid only inside the {@link Store.Work}. */
public interface Transaction {
    FunctionRepository functions();

    VersionRepository versions();

    AliasRepository aliases();

    ProvisionedConcurrencyRepository provisionedConcurrency();

    EventInvokeConfigRepository eventInvokeConfigs();
}
