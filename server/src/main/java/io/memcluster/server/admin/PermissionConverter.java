package io.memcluster.server.admin;

import io.memcluster.auth.Permission;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli report a bad {@code --perm} as a usage error, with the valid forms. */
final class PermissionConverter implements ITypeConverter<Permission> {

    @Override
    public Permission convert(String value) {
        try {
            return Permission.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
