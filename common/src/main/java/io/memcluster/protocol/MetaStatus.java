package io.memcluster.protocol;

/** The two-letter return codes of the meta commands (mg, ms, md, ma, mn). */
public enum MetaStatus {
    /** Success without a value. */
    HD,
    /** Success with a value block. */
    VA,
    /** mg: the key is absent ("end"). */
    EN,
    /** ms: not stored (mode conditions failed). */
    NS,
    /** ms, md, ma: the CAS did not match ("exists"). */
    EX,
    /** md, ma, ms in append mode: the key is absent. */
    NF,
    /** mn: the end of a pipeline of quiet commands. */
    MN
}
