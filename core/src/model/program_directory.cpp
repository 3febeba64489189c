#include "model/program_directory.hpp"

namespace lmacheck {

std::filesystem::path program_directory(std::error_code& error) {
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path() : self.parent_path();
}

}  // namespace lmacheck
